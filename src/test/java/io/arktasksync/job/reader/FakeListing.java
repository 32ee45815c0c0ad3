package io.arktasksync.job.reader;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import io.arktasksync.client.ListingFilter;
import io.arktasksync.client.TaskPageResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An in-memory upstream for reader tests, with the quirks real ones have: a silent page cap, an ignored
 * {@code page_num}, oldest-first order, {@code filter.model} taking endpoint ids, and a hook run before each request
 * (to shift the listing while it is read). Not thread-safe beyond what the reader's prefetch needs (synchronized).
 */
public final class FakeListing implements PageSource {

    public record Task(String id, long createdAt, String status, String model, String tier) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<Task> tasks = new ArrayList<>();

    private final List<String> requests = new ArrayList<>();

    private int cap = Integer.MAX_VALUE;

    private boolean ignorePageNum;

    private boolean oldestFirst;

    /** Endpoint id to model: when set, {@code filter.model} matches endpoint ids only. */
    private Map<String, String> endpoints;

    private Consumer<FakeListing> beforeRequest = listing -> {
    };

    /** Adds {@code count} succeeded default-tier tasks {@code prefix000..}, created one second apart. */
    public FakeListing add(String prefix, int count) {
        return add(prefix, count, "succeeded", "m-1");
    }

    public synchronized FakeListing add(String prefix, int count, String status, String model) {
        long base = 1_700_000_000L + tasks.size();
        for (int i = 0; i < count; i++) {
            tasks.add(new Task(String.format("%s%03d", prefix, i), base + i, status, model, "default"));
        }
        return this;
    }

    public synchronized void remove(String id) {
        tasks.removeIf(task -> task.id().equals(id));
    }

    public synchronized void setStatus(String id, String status) {
        tasks.replaceAll(task -> task.id().equals(id)
                ? new Task(task.id(), task.createdAt(), status, task.model(), task.tier()) : task);
    }

    /** The tasks in serving order of the whole listing (all tiers and statuses). */
    public synchronized List<Task> tasks() {
        return ordered();
    }

    public FakeListing cappedAt(int pageSizeCap) {
        this.cap = pageSizeCap;
        return this;
    }

    public FakeListing ignoringPageNum() {
        this.ignorePageNum = true;
        return this;
    }

    public FakeListing oldestFirst() {
        this.oldestFirst = true;
        return this;
    }

    public FakeListing modelFilterTakesEndpoints(Map<String, String> endpointToModel) {
        this.endpoints = Map.copyOf(endpointToModel);
        return this;
    }

    public FakeListing beforeEachRequest(Consumer<FakeListing> hook) {
        this.beforeRequest = hook;
        return this;
    }

    /** Ids in serving order of the whole default-tier listing. */
    public synchronized List<String> ids() {
        return ordered().stream().map(Task::id).toList();
    }

    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public synchronized TaskPageResponse page(ListingFilter filter, int pageNum, int pageSize) {
        requests.add(describe(filter, pageNum, pageSize));
        beforeRequest.accept(this);
        List<Task> matching = ordered().stream().filter(task -> matches(filter, task)).toList();
        int size = Math.min(pageSize, cap);
        long from = ignorePageNum ? 0 : (long) (pageNum - 1) * size;
        List<JsonNode> items = new ArrayList<>();
        for (long i = from; i < matching.size() && i < from + size; i++) {
            items.add(json(matching.get((int) i)));
        }
        return new TaskPageResponse(matching.size(), items);
    }

    private List<Task> ordered() {
        Comparator<Task> newestFirst = Comparator.comparingLong(Task::createdAt).reversed()
            .thenComparing(Task::id, Comparator.reverseOrder());
        return tasks.stream().sorted(oldestFirst ? newestFirst.reversed() : newestFirst).toList();
    }

    private boolean matches(ListingFilter filter, Task task) {
        String tier = filter.serviceTier() == null ? "default" : filter.serviceTier();
        if (!tier.equals(task.tier()) || filter.status() != null && !filter.status().equals(task.status())) {
            return false;
        }
        if (!filter.taskIds().isEmpty() && !filter.taskIds().contains(task.id())) {
            return false;
        }
        if (filter.model() == null) {
            return true;
        }
        return endpoints == null ? filter.model().equals(task.model())
                : Objects.equals(endpoints.get(filter.model()), task.model());
    }

    private static String describe(ListingFilter filter, int pageNum, int pageSize) {
        String label = filter.label();
        return label + " page " + pageNum + "x" + pageSize;
    }

    private static JsonNode json(Task task) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", task.id());
        node.put("model", task.model());
        node.put("status", task.status());
        node.put("service_tier", task.tier());
        node.put("created_at", task.createdAt());
        return node;
    }
}
