package io.arktasksync.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;

import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator's dataset: well-formed tasks and raw items, keyed by id, kept in serving order.
 *
 * <p>Why this shape: tests mutate the dataset while a client pages through it, and the benchmark serves
 * 250,000 entries. A sorted set keeps the order up to date in O(log n) per change; a sorted array snapshot
 * is rebuilt (a linear copy, no sort) only on the first request after a change, and requests between
 * changes share it. Items are serialized once, when they are put. All methods are thread-safe.
 */
final class TaskStore {

    /** Below this size serializing in parallel costs more than it saves. */
    private static final int PARALLEL_SERIALIZATION_THRESHOLD = 2_000;

    private final JsonMapper mapper;
    private final Map<String, StoredItem> byId = new HashMap<>();
    private final TreeSet<StoredItem> ordered = new TreeSet<>(StoredItem.NEWEST_FIRST);
    private StoreSnapshot snapshot;

    TaskStore(JsonMapper mapper) {
        this.mapper = mapper;
    }

    void put(SimulatedTask task) {
        StoredItem item = serialize(Objects.requireNonNull(task, "task"));
        synchronized (this) {
            replace(item);
        }
    }

    /** Serializes outside the lock (in parallel for big batches), then inserts in the given order: last id wins. */
    void putAll(Collection<SimulatedTask> tasks) {
        Stream<SimulatedTask> stream = tasks.size() >= PARALLEL_SERIALIZATION_THRESHOLD
                ? tasks.parallelStream()
                : tasks.stream();
        List<StoredItem> items = stream.map(task -> serialize(Objects.requireNonNull(task, "task"))).toList();
        synchronized (this) {
            items.forEach(this::replace);
        }
    }

    /** Stores text as given: the point is to serve items no well-formed task could produce. */
    void putRaw(String id, String rawItemJson, long createdAt, String serviceTier) {
        putRaw(id, rawItemJson, createdAt, serviceTier, null);
    }

    /** @param stretch filler streamed into the item where {@code rawItemJson} holds its marker, or null */
    void putRaw(String id, String rawItemJson, long createdAt, String serviceTier, StoredItem.Stretch stretch) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(rawItemJson, "rawItemJson");
        String tier = serviceTier == null ? "default" : serviceTier;
        StoredItem item = new StoredItem(id, createdAt, tier, null, rawItemJson.getBytes(StandardCharsets.UTF_8),
                stretch);
        synchronized (this) {
            replace(item);
        }
    }

    synchronized void remove(String id) {
        StoredItem old = byId.remove(id);
        if (old != null) {
            ordered.remove(old);
            snapshot = null;
        }
    }

    /** Well-formed tasks in serving order. */
    synchronized List<SimulatedTask> tasks() {
        List<SimulatedTask> tasks = new ArrayList<>(ordered.size());
        for (StoredItem item : ordered) {
            if (!item.isRaw()) {
                tasks.add(item.task());
            }
        }
        return List.copyOf(tasks);
    }

    synchronized int size() {
        return byId.size();
    }

    /**
     * One page of the entries matching {@code filter}. An id filter is answered from the id index
     * (a handful of look-ups) rather than a scan, because clients refresh known tasks in many small batches.
     */
    Page page(TaskFilter filter, int pageNum, int pageSize) {
        return page(filter, pageNum, pageSize, false);
    }

    /** @param oldestFirst serve the listing in reverse (an API variant); id look-ups keep their order */
    Page page(TaskFilter filter, int pageNum, int pageSize, boolean oldestFirst) {
        if (!filter.taskIds().isEmpty()) {
            return pageByIds(filter, pageNum, pageSize);
        }
        return snapshot().page(filter, pageNum, pageSize, oldestFirst);
    }

    private synchronized Page pageByIds(TaskFilter filter, int pageNum, int pageSize) {
        List<StoredItem> matches = new ArrayList<>();
        for (String id : filter.taskIds()) {
            StoredItem item = byId.get(id);
            if (item != null && filter.matches(item)) {
                matches.add(item);
            }
        }
        matches.sort(StoredItem.NEWEST_FIRST);
        long from = (long) (pageNum - 1) * pageSize;
        List<byte[]> items = new ArrayList<>();
        for (long i = from; i < matches.size() && i < from + pageSize; i++) {
            items.add(matches.get((int) i).json());
        }
        return new Page(matches.size(), items);
    }

    private synchronized StoreSnapshot snapshot() {
        if (snapshot == null) {
            snapshot = new StoreSnapshot(ordered.toArray(new StoredItem[0]));
        }
        return snapshot;
    }

    private void replace(StoredItem item) {
        StoredItem old = byId.put(item.id(), item);
        if (old != null) {
            ordered.remove(old);
        }
        ordered.add(item);
        snapshot = null;
    }

    private StoredItem serialize(SimulatedTask task) {
        byte[] json = mapper.writeValueAsBytes(task.toJson(mapper));
        return new StoredItem(task.id(), task.createdAt(), task.serviceTier(), task, json);
    }
}
