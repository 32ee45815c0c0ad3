package io.arktasksync.persistence;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Builds a PostgreSQL binary COPY stream ({@code COPY ... FROM STDIN (FORMAT binary)}) in memory. Binary format
 * needs no escaping of the JSON text, which is most of the bytes a sync writes, and PostgreSQL needs no parsing of
 * numbers; it is the cheapest way to hand a chunk to the server. Not thread-safe; one per chunk.
 *
 * @see <a href="https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4">COPY binary format</a>
 */
final class BinaryCopyBuffer {

    private static final byte[] SIGNATURE = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0 };

    /** The only jsonb binary format version PostgreSQL has. */
    private static final byte JSONB_VERSION = 1;

    /** pg_type's oid of text, the element type of a text[]. */
    private static final int TEXT_OID = 25;

    private byte[] buffer;

    private int length;

    BinaryCopyBuffer(int expectedBytes) {
        this(expectedBytes, true);
    }

    private BinaryCopyBuffer(int expectedBytes, boolean header) {
        buffer = new byte[Math.max(64, expectedBytes)];
        if (header) {
            write(SIGNATURE, 0, SIGNATURE.length);
            writeInt(0); // flags
            writeInt(0); // header extension length
        }
    }

    /** A buffer for rows only, without the stream header: to be {@link #append appended} to a stream later. */
    static BinaryCopyBuffer rowsOnly(int expectedBytes) {
        return new BinaryCopyBuffer(expectedBytes, false);
    }

    void startRow(int fields) {
        writeShort(fields);
    }

    void text(String value) {
        if (value == null) {
            writeInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeInt(bytes.length);
        write(bytes, 0, bytes.length);
    }

    void jsonb(String json) {
        if (json == null) {
            writeInt(-1);
            return;
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        writeInt(bytes.length + 1);
        ensure(1);
        buffer[length++] = JSONB_VERSION;
        write(bytes, 0, bytes.length);
    }

    void int4(Integer value) {
        if (value == null) {
            writeInt(-1);
            return;
        }
        writeInt(4);
        writeInt(value);
    }

    void int8(Long value) {
        if (value == null) {
            writeInt(-1);
            return;
        }
        writeInt(8);
        writeLong(value);
    }

    void uuid(UUID value) {
        writeInt(16);
        writeLong(value.getMostSignificantBits());
        writeLong(value.getLeastSignificantBits());
    }

    /** A one-dimensional {@code text[]} without null elements; null writes SQL NULL. */
    void textArray(List<String> values) {
        if (values == null) {
            writeInt(-1);
            return;
        }
        List<byte[]> elements = values.stream().map(v -> v.getBytes(StandardCharsets.UTF_8)).toList();
        int size = values.isEmpty() ? 12 : 20;
        for (byte[] element : elements) {
            size += 4 + element.length;
        }
        writeInt(size);
        writeInt(values.isEmpty() ? 0 : 1); // dimensions
        writeInt(0); // flags: no null element
        writeInt(TEXT_OID);
        if (!values.isEmpty()) {
            writeInt(values.size());
            writeInt(1); // lower bound
        }
        for (byte[] element : elements) {
            writeInt(element.length);
            write(element, 0, element.length);
        }
    }

    /** Appends bytes another (rows-only) buffer encoded. */
    void append(byte[] rows, int offset, int count) {
        write(rows, offset, count);
    }

    /** The bytes written so far are the first {@link #size()} of this array; it is replaced when the buffer grows. */
    byte[] array() {
        return buffer;
    }

    void bool(Boolean value) {
        if (value == null) {
            writeInt(-1);
            return;
        }
        writeInt(1);
        ensure(1);
        buffer[length++] = (byte) (value ? 1 : 0);
    }

    /** Ends the stream and returns it. */
    InputStream finish() {
        writeShort(-1);
        return new ByteArrayInputStream(buffer, 0, length);
    }

    int size() {
        return length;
    }

    private void writeShort(int value) {
        ensure(2);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
    }

    private void writeInt(int value) {
        ensure(4);
        buffer[length++] = (byte) (value >>> 24);
        buffer[length++] = (byte) (value >>> 16);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
    }

    private void writeLong(long value) {
        writeInt((int) (value >>> 32));
        writeInt((int) value);
    }

    private void write(byte[] bytes, int offset, int count) {
        ensure(count);
        System.arraycopy(bytes, offset, buffer, length, count);
        length += count;
    }

    private void ensure(int extra) {
        if (length + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + extra));
        }
    }
}
