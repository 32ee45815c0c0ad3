package io.arktasksync.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An immutable, sorted view of the dataset at one moment, shared by all requests until the next change.
 *
 * <p>Why: the benchmark pages through 250,000 entries 500 at a time. Scanning the whole dataset for each
 * page would be quadratic, so the positions matching a filter are computed once per snapshot and cached;
 * after that, a page costs only the copy of its items.
 */
final class StoreSnapshot {

    /** Bounds the filter cache: distinct filters per snapshot are few in practice (tier x status x model). */
    private static final int MAX_CACHED_FILTERS = 64;

    private final StoredItem[] sorted;
    private final Map<TaskFilter, int[]> matchesByFilter = new ConcurrentHashMap<>();

    StoreSnapshot(StoredItem[] sorted) {
        this.sorted = sorted;
    }

    /** The page {@code pageNum} (1-based) of {@code pageSize} entries matching {@code filter}. */
    Page page(TaskFilter filter, int pageNum, int pageSize) {
        return page(filter, pageNum, pageSize, false);
    }

    /** The same, counted from the oldest entry when {@code oldestFirst}. */
    Page page(TaskFilter filter, int pageNum, int pageSize, boolean oldestFirst) {
        int[] matches = matching(filter);
        long from = (long) (pageNum - 1) * pageSize;
        List<byte[]> items = new ArrayList<>();
        List<StoredItem.Stretch> stretches = new ArrayList<>();
        for (long i = from; i < matches.length && i < from + pageSize; i++) {
            int position = oldestFirst ? matches.length - 1 - (int) i : (int) i;
            items.add(sorted[matches[position]].json());
            stretches.add(sorted[matches[position]].stretch());
        }
        return new Page(matches.length, items, stretches);
    }

    private int[] matching(TaskFilter filter) {
        int[] cached = matchesByFilter.get(filter);
        if (cached != null) {
            return cached;
        }
        int[] computed = scan(filter);
        if (matchesByFilter.size() < MAX_CACHED_FILTERS) {
            matchesByFilter.putIfAbsent(filter, computed);
        }
        return computed;
    }

    private int[] scan(TaskFilter filter) {
        int[] positions = new int[sorted.length];
        int count = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (filter.matches(sorted[i])) {
                positions[count++] = i;
            }
        }
        return Arrays.copyOf(positions, count);
    }
}
