package io.arktasksync.schema;

/** The database lacks the schema, or some of the migrations, that a read-only command needs. */
public class SchemaNotReadyException extends RuntimeException {

    public SchemaNotReadyException(String message) {
        super(message);
    }
}
