package io.arktasksync.job.reader;

import java.nio.charset.StandardCharsets;

/**
 * The task ids a run has seen, kept as 64-bit hashes in an open-addressing table: 16 bytes per id instead of a
 * String and a map entry, so that 250,000 ids cost 4 MB. Two ids colliding on 64 bits is astronomically unlikely and
 * would only make the ledger count one id too few and skip re-emitting one repaired item. Not thread-safe.
 */
public final class IdSet {

    private static final long EMPTY = 0;

    private long[] slots = new long[1 << 12];

    private int size;

    /** @return true when the id was not in the set yet */
    boolean add(String id) {
        long hash = hash(id);
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        return insert(slots, hash);
    }

    public boolean contains(String id) {
        long hash = hash(id);
        int mask = slots.length - 1;
        for (int i = (int) (hash ^ (hash >>> 32)) & mask;; i = (i + 1) & mask) {
            if (slots[i] == EMPTY) {
                return false;
            }
            if (slots[i] == hash) {
                return true;
            }
        }
    }

    public int size() {
        return size;
    }

    private boolean insert(long[] table, long hash) {
        int mask = table.length - 1;
        for (int i = (int) (hash ^ (hash >>> 32)) & mask;; i = (i + 1) & mask) {
            if (table[i] == EMPTY) {
                table[i] = hash;
                if (table == slots) {
                    size++;
                }
                return true;
            }
            if (table[i] == hash) {
                return false;
            }
        }
    }

    private void grow() {
        long[] old = slots;
        long[] bigger = new long[old.length * 2];
        for (long hash : old) {
            if (hash != EMPTY) {
                insert(bigger, hash);
            }
        }
        slots = bigger;
    }

    /** FNV-1a over the UTF-8 bytes, then a final mix; never 0, which marks an empty slot. */
    private static long hash(String id) {
        long h = 0xcbf29ce484222325L;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h == EMPTY ? 1 : h;
    }

}
