package io.arktasksync.simulator;

import java.util.Comparator;

/**
 * One dataset entry with its item JSON serialized once, so that a page is served by copying bytes
 * instead of re-serializing 500 objects per request.
 *
 * @param id          key for replace/remove, and the tie-breaker of the order
 * @param createdAt   Unix seconds, the primary sort key
 * @param serviceTier the tier the entry is listed under (raw items included)
 * @param task        the well-formed task, or {@code null} for a raw item
 * @param json        the UTF-8 bytes spliced into {@code "items"}
 * @param stretch     filler sent inside {@code json} without ever being held, or null
 */
record StoredItem(String id, long createdAt, String serviceTier, SimulatedTask task, byte[] json, Stretch stretch) {

    StoredItem(String id, long createdAt, String serviceTier, SimulatedTask task, byte[] json) {
        this(id, createdAt, serviceTier, task, json, null);
    }

    /**
     * Filler bytes sent in the middle of an item as it is written to the wire, so that a test can serve an item
     * (or a page) of hundreds of megabytes without building it in memory.
     *
     * @param at     where in the item's bytes the filler goes
     * @param length how many filler bytes
     * @param fill   the byte repeated (a letter, or a space between JSON tokens)
     */
    record Stretch(int at, long length, byte fill) {
    }

    /** The order the simulator serves: newest {@code created_at} first, ties by id descending. */
    static final Comparator<StoredItem> NEWEST_FIRST = Comparator
            .comparingLong(StoredItem::createdAt).reversed()
            .thenComparing(StoredItem::id, Comparator.reverseOrder());

    /** Raw items have no status, model or id semantics, so only the tier filter can match them. */
    boolean isRaw() {
        return task == null;
    }
}
