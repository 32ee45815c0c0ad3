package io.arktasksync.simulator;

import java.util.Map;

/**
 * Behaviours of relays and API variants met in the wild, each off until a test switches it on: a silent page-size
 * cap (the relay forwards {@code min(page_size, cap)} and counts offsets in its own pages), an ignored
 * {@code page_num} (every request answers page 1), oldest-first order, and a {@code filter.model} that takes
 * endpoint ids ({@code ep-...}) instead of the model names items carry (Volcengine's). Thread-safe.
 */
public final class RelayQuirks {

    /** A model no task has: what a model name matches when {@code filter.model} takes endpoint ids. */
    private static final String NO_MODEL = "\u0000not-an-endpoint-id";

    private volatile int pageSizeCap;

    private volatile boolean ignorePageNum;

    private volatile boolean oldestFirst;

    private volatile Map<String, String> endpointModels;

    /** Serves at most {@code cap} items a page, offsets counted in pages of {@code cap}; 0 switches it off. */
    public RelayQuirks capPageSize(int cap) {
        pageSizeCap = cap;
        return this;
    }

    /** Answers page 1 whatever {@code page_num} says. */
    public RelayQuirks ignorePageNum() {
        ignorePageNum = true;
        return this;
    }

    /** Lists tasks oldest first. */
    public RelayQuirks listOldestFirst() {
        oldestFirst = true;
        return this;
    }

    /** Makes {@code filter.model} take endpoint ids only, each standing for one model. */
    public RelayQuirks modelFilterTakesEndpointIds(Map<String, String> endpointToModel) {
        endpointModels = Map.copyOf(endpointToModel);
        return this;
    }

    boolean oldestFirst() {
        return oldestFirst;
    }

    /** The query as this relay would forward it upstream. */
    ListQuery apply(ListQuery query) {
        int cap = pageSizeCap;
        Map<String, String> endpoints = endpointModels;
        TaskFilter filter = query.filter();
        if (endpoints != null && filter.model() != null) {
            filter = new TaskFilter(filter.status(), endpoints.getOrDefault(filter.model(), NO_MODEL),
                    filter.serviceTier(), filter.taskIds());
        }
        return new ListQuery(ignorePageNum ? 1 : query.pageNum(),
                cap > 0 ? Math.min(cap, query.pageSize()) : query.pageSize(), filter);
    }
}
