package io.arktasksync.simulator;

import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Behaviours of relays and API variants met in the wild, each off until a test switches it on: a silent page-size
 * cap (the relay forwards {@code min(page_size, cap)} and counts offsets in its own pages), an ignored
 * {@code page_num} (every request answers page 1), oldest-first order, and a {@code filter.model} that takes
 * endpoint ids ({@code ep-...}) instead of the model names items carry (Volcengine's), and items trimmed to their id,
 * model, status and timestamps (some relays do, to save bandwidth). Thread-safe.
 */
public final class RelayQuirks {

    /** A model no task has: what a model name matches when {@code filter.model} takes endpoint ids. */
    private static final String NO_MODEL = "\u0000not-an-endpoint-id";

    private volatile int pageSizeCap;

    private volatile boolean ignorePageNum;

    private volatile boolean oldestFirst;

    private volatile Map<String, String> endpointModels;

    /** The fields a trimming relay keeps of each item. */
    private static final Set<String> TRIMMED_TO = Set.of("id", "model", "status", "created_at", "updated_at");

    private volatile boolean trimItems;

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

    /** Sends each item with its id, model, status and timestamps only: no content, usage, error or anything else. */
    public RelayQuirks trimItems() {
        trimItems = true;
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

    /** The page as this relay would pass it on. An item that is not a JSON object passes as it is. */
    Page apply(Page page, JsonMapper mapper) {
        if (!trimItems) {
            return page;
        }
        List<byte[]> items = page.items().stream().map(item -> trimmed(item, mapper)).toList();
        return new Page(page.total(), items);
    }

    private static byte[] trimmed(byte[] item, JsonMapper mapper) {
        try {
            JsonNode node = mapper.readTree(item);
            if (node instanceof ObjectNode object) {
                return mapper.writeValueAsBytes(object.retain(TRIMMED_TO));
            }
            return item;
        }
        catch (JacksonException e) {
            return item;
        }
    }
}
