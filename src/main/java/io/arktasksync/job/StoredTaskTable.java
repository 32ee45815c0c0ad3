package io.arktasksync.job;

import java.util.UUID;

/**
 * The stored state of an account's tasks as a full run found it at its start: per task id, the content hash and
 * when it was last seen (or that it is marked gone), in an open-addressing table of primitive arrays: 32 bytes a
 * slot, at most twice as many slots as tasks (16 MB for 250,000 tasks), instead of objects per task.
 * <p>
 * Keys are 64-bit hashes of the id. Two ids colliding would only cost a write: the later one replaces the earlier,
 * whose content hash then differs from the item's (the hash covers the id), so that task goes through the upsert as
 * if unknown. {@link #forget} leaves a tombstone, so that a task the run wrote is never judged by a state the run
 * itself has made stale. Not thread-safe.
 */
final class StoredTaskTable {

    private static final long EMPTY = 0;

    /** {@link #lastSeen} of a task marked gone: due for a write whenever it is seen. */
    private static final long GONE = Long.MIN_VALUE;

    /** {@link #lastSeen} of a forgotten task: its state is unknown. */
    private static final long FORGOTTEN = Long.MAX_VALUE;

    private long[] keys = new long[1 << 12];

    private long[] hashHigh = new long[keys.length];

    private long[] hashLow = new long[keys.length];

    private long[] lastSeen = new long[keys.length];

    private int size;

    /** What a task seen again needs. */
    enum Verdict {
        /** Not known to be stored with this content: the upsert decides. */
        WRITE,
        /** Stored with this content, {@code last_seen_at} recent enough: nothing to write. */
        UNCHANGED,
        /** Stored with this content, but gone or {@code last_seen_at} older than the resolution: a narrow touch. */
        TOUCH
    }

    /** @param lastSeenMicros microseconds since the epoch */
    void put(String id, UUID contentHash, long lastSeenMicros, boolean gone) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        long key = hash(id);
        int slot = slot(keys, key);
        if (keys[slot] == EMPTY) {
            size++;
        }
        keys[slot] = key;
        hashHigh[slot] = contentHash.getMostSignificantBits();
        hashLow[slot] = contentHash.getLeastSignificantBits();
        lastSeen[slot] = gone ? GONE : lastSeenMicros;
    }

    /** @param touchBeforeMicros a {@code last_seen_at} before this is due for its refresh */
    Verdict verdict(String id, UUID contentHash, long touchBeforeMicros) {
        int slot = slot(keys, hash(id));
        if (keys[slot] == EMPTY || lastSeen[slot] == FORGOTTEN || hashHigh[slot] != contentHash.getMostSignificantBits()
                || hashLow[slot] != contentHash.getLeastSignificantBits()) {
            return Verdict.WRITE;
        }
        return lastSeen[slot] < touchBeforeMicros ? Verdict.TOUCH : Verdict.UNCHANGED;
    }

    /** After the task was written or touched: from then on the table no longer knows its stored state. */
    void forget(String id) {
        int slot = slot(keys, hash(id));
        if (keys[slot] != EMPTY) {
            lastSeen[slot] = FORGOTTEN;
        }
    }

    int size() {
        return size;
    }

    private static int slot(long[] table, long key) {
        int mask = table.length - 1;
        int i = (int) (key ^ (key >>> 32)) & mask;
        while (table[i] != EMPTY && table[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldHigh = hashHigh;
        long[] oldLow = hashLow;
        long[] oldSeen = lastSeen;
        keys = new long[oldKeys.length * 2];
        hashHigh = new long[keys.length];
        hashLow = new long[keys.length];
        lastSeen = new long[keys.length];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = slot(keys, oldKeys[i]);
                keys[slot] = oldKeys[i];
                hashHigh[slot] = oldHigh[i];
                hashLow[slot] = oldLow[i];
                lastSeen[slot] = oldSeen[i];
            }
        }
    }

    /** A 64-bit polynomial over the chars, then a final mix (no copy of the id); never 0, which marks an empty slot. */
    static long hash(String id) {
        long h = 1_125_899_906_842_597L;
        for (int i = 0; i < id.length(); i++) {
            h = 31 * h + id.charAt(i);
        }
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == EMPTY ? 1 : h;
    }
}
