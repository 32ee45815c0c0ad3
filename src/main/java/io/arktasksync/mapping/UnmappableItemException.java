package io.arktasksync.mapping;

/** An item field that cannot be stored; the message is the reject reason. */
class UnmappableItemException extends RuntimeException {

    UnmappableItemException(String reason) {
        super(reason, null, false, false);
    }
}
