package io.arktasksync.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A response body read as a stream, as {@link TaskPageParser} consumes it: it counts the bytes, refuses to read past
 * {@code maxBytes} ({@link TooLarge}), keeps the body's first bytes for messages, and keeps a copy of the bytes from
 * one offset on ({@link #keepFrom}), up to {@code keepLimit} bytes: the item being read, so that it can be parsed
 * and digested exactly as received once the parser found its end. That copy is all it holds, so a page costs at
 * most {@code keepLimit} bytes beyond the items themselves, whatever its length. A leading UTF-8 byte order mark is
 * dropped, so that offsets count from the JSON's first byte. Not thread-safe.
 */
final class BoundedBody extends FilterInputStream {

    /** How much of the body's start is kept for messages. */
    static final int HEAD_LENGTH = 800;

    /** Read past {@code maxBytes}: the parser sees it as an I/O error, the page parser as a response too large. */
    static final class TooLarge extends IOException {

        TooLarge(long maxBytes) {
            super("the response is larger than " + maxBytes + " bytes");
        }
    }

    private final long maxBytes;

    private final int keepLimit;

    private final byte[] head = new byte[HEAD_LENGTH];

    private int headLength;

    /** Bytes read so far (after the byte order mark). */
    private long position;

    private boolean bomChecked;

    /** The copy kept from {@link #keptFrom} on; {@link #keptLength} bytes of it are valid. */
    private byte[] kept = new byte[8192];

    private int keptLength;

    private long keptFrom;

    /** Whether bytes were left out of the copy because it reached {@code keepLimit}. */
    private boolean keptFull;

    /**
     * The last {@value #RECENT_LENGTH} bytes read, as a ring: the parser reads ahead of the token it hands out, so
     * the start of the item after one too large to keep was read while the copy was full.
     */
    private final byte[] recent = new byte[RECENT_LENGTH];

    private static final int RECENT_LENGTH = 64 * 1024;

    BoundedBody(InputStream in, long maxBytes, int keepLimit) {
        super(in);
        if (keepLimit < RECENT_LENGTH) {
            throw new IllegalArgumentException("keepLimit " + keepLimit + " is below " + RECENT_LENGTH);
        }
        this.maxBytes = maxBytes;
        this.keepLimit = keepLimit;
    }

    /** Bytes read so far. */
    long position() {
        return position;
    }

    /** The body's first bytes, for messages. */
    byte[] head() {
        return Arrays.copyOf(head, headLength);
    }

    /**
     * Keeps the bytes from {@code offset} on (forgetting those before). The parser reads ahead, so the bytes from
     * {@code offset} up to {@link #position} were already read; they are still held as long as {@code offset} is not
     * before the start of the current copy.
     */
    void keepFrom(long offset) {
        if (offset < keptFrom || offset > keptFrom + keptLength) {
            // Read while the copy was full: start it again from the recent bytes (empty when they are gone too).
            long from = Math.max(offset, Math.max(0, position - RECENT_LENGTH));
            keptLength = (int) (position - from);
            if (kept.length < keptLength) {
                kept = new byte[keptLength];
            }
            for (int i = 0; i < keptLength; i++) {
                kept[i] = recent[(int) ((from + i) % RECENT_LENGTH)];
            }
            keptFrom = from;
            keptFull = false;
            return;
        }
        int drop = (int) (offset - keptFrom);
        System.arraycopy(kept, drop, kept, 0, keptLength - drop);
        keptLength -= drop;
        keptFrom = offset;
        keptFull = false;
    }

    /** Whether {@code [from, to)} is held whole. */
    boolean holds(long from, long to) {
        return from >= keptFrom && to <= keptFrom + keptLength && from <= to;
    }

    /** A copy of {@code [from, to)}, which must be {@link #holds held}. */
    byte[] kept(long from, long to) {
        return Arrays.copyOfRange(kept, (int) (from - keptFrom), (int) (to - keptFrom));
    }

    /** The byte at {@code offset} when it is still held (kept, or among the recent bytes), else -1. */
    int byteAt(long offset) {
        if (offset >= keptFrom && offset < keptFrom + keptLength) {
            return kept[(int) (offset - keptFrom)] & 0xFF;
        }
        if (offset < position && offset >= Math.max(0, position - RECENT_LENGTH)) {
            return recent[(int) (offset % RECENT_LENGTH)] & 0xFF;
        }
        return -1;
    }

    /** Up to {@code length} of the bytes held from {@code from} on. */
    byte[] keptPrefix(long from, int length) {
        if (from < keptFrom || from > keptFrom + keptLength) {
            return new byte[0];
        }
        int start = (int) (from - keptFrom);
        return Arrays.copyOfRange(kept, start, start + Math.min(length, keptLength - start));
    }

    /** Whether bytes from the copy's start on were left out because it reached its limit. */
    boolean keptFull() {
        return keptFull;
    }

    /**
     * Reads on to the end of the body, keeping what it reads, as long as the copy has room.
     *
     * @return whether the body ended with everything from the copy's start held
     */
    boolean readToEndKeeping() throws IOException {
        byte[] buffer = new byte[8192];
        while (!keptFull) {
            if (read(buffer, 0, buffer.length) < 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (!bomChecked) {
            return readSkippingByteOrderMark(buffer, offset, length);
        }
        if (position >= maxBytes) {
            // One byte more than allowed tells a body of exactly maxBytes from a longer one.
            if (super.read() < 0) {
                return -1;
            }
            throw new TooLarge(maxBytes);
        }
        int n = super.read(buffer, offset, (int) Math.min(length, maxBytes - position));
        if (n > 0) {
            seen(buffer, offset, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Through read, so that nothing escapes the count or the copy.
        byte[] buffer = new byte[(int) Math.min(n, 8192)];
        int read = read(buffer, 0, buffer.length);
        return Math.max(read, 0);
    }

    /**
     * Leaves the stream open: the parser closes its source when it fails, and the rest of the body may still be
     * read after that ({@link #readToEndKeeping}). Whoever opened the stream closes it.
     */
    @Override
    public void close() {
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private int readSkippingByteOrderMark(byte[] buffer, int offset, int length) throws IOException {
        bomChecked = true;
        byte[] start = in.readNBytes(3);
        int from = start.length == 3 && (start[0] & 0xFF) == 0xEF && (start[1] & 0xFF) == 0xBB
                && (start[2] & 0xFF) == 0xBF ? 3 : 0;
        int n = Math.min(length, start.length - from);
        if (start.length == from) {
            return read(buffer, offset, length);
        }
        System.arraycopy(start, from, buffer, offset, n);
        seen(buffer, offset, n);
        if (n < start.length - from) {
            // The caller asked for fewer bytes than were read ahead: not how a parser reads.
            throw new IOException("read buffer too small");
        }
        return n;
    }

    private void seen(byte[] buffer, int offset, int n) {
        if (headLength < HEAD_LENGTH) {
            int copy = Math.min(n, HEAD_LENGTH - headLength);
            System.arraycopy(buffer, offset, head, headLength, copy);
            headLength += copy;
        }
        if (!keptFull) {
            int room = keepLimit - keptLength;
            int copy = Math.min(n, room);
            if (keptLength + copy > kept.length) {
                kept = Arrays.copyOf(kept, Math.min(keepLimit, Math.max(kept.length * 2, keptLength + copy)));
            }
            System.arraycopy(buffer, offset, kept, keptLength, copy);
            keptLength += copy;
            keptFull = copy < n;
        }
        int copied = 0;
        while (copied < n) {
            int at = (int) ((position + copied) % RECENT_LENGTH);
            int part = Math.min(n - copied, RECENT_LENGTH - at);
            System.arraycopy(buffer, offset + copied, recent, at, part);
            copied += part;
        }
        position += n;
    }
}
