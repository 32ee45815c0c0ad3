package io.arktasksync.mapping;

import java.util.Map;
import java.util.Objects;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Two observations of one task in one chunk, merged by the rule the stored merge applies ({@code ark.merge_same_version}
 * in V14, src/docs/database.md "How a task is merged"), which cannot see them both: one statement upserts a row once.
 * A newer version wins whole; an older one is dropped; the same version (same status and {@code updated_at}, or the
 * later one giving none) never erases with less: every field of the earlier item stays, a field the later one carries
 * with a value wins, one it carries empty ({@code null}, {@code ""}, {} or []) keeps the earlier value, objects
 * (content, usage, error) merged field by field. The merged item is mapped again, so its columns and usage follow its
 * fields. Stateless and thread-safe.
 */
public final class SameVersionMerge {

    private final TaskMapper mapper;

    private final JsonMapper json;

    public SameVersionMerge(TaskMapper mapper, JsonMapper json) {
        this.mapper = mapper;
        this.json = json;
    }

    /** @param later the observation read after {@code earlier} */
    public MappingResult.Mapped merge(MappingResult.Mapped earlier, MappingResult.Mapped later) {
        if (!sameVersion(earlier.task(), later.task())) {
            Long before = earlier.task().updatedAt();
            Long after = later.task().updatedAt();
            return before != null && after != null && after < before ? earlier : later;
        }
        JsonNode merged = merge(json.readTree(earlier.task().rawJson()), json.readTree(later.task().rawJson()));
        MappingResult result = mapper.map(new RawTaskItem(merged, later.slice(), later.task().serviceTier(),
                later.pageNum(), null), later.itemDigest());
        // Two items that map alone always merge into one that maps; should one ever not, the later stays as it was.
        return result instanceof MappingResult.Mapped mapped ? mapped : later;
    }

    /** As the stored merge decides: neither the later status nor its updated_at says it is another version. */
    static boolean sameVersion(TaskRow earlier, TaskRow later) {
        return (later.status() == null || Objects.equals(later.status(), earlier.status()))
                && (later.updatedAt() == null || Objects.equals(later.updatedAt(), earlier.updatedAt()));
    }

    /** {@code ark.merge_same_version(stored, observed)}, in Java. */
    static JsonNode merge(JsonNode stored, JsonNode observed) {
        if (!(stored instanceof ObjectNode storedObject) || !observed.isObject()) {
            return observed;
        }
        ObjectNode merged = storedObject.deepCopy();
        for (Map.Entry<String, JsonNode> field : observed.properties()) {
            JsonNode before = storedObject.get(field.getKey());
            JsonNode value = field.getValue();
            if (before == null) {
                merged.set(field.getKey(), value);
            }
            else if (!isEmpty(value)) {
                merged.set(field.getKey(), before.isObject() && value.isObject() ? merge(before, value) : value);
            }
        }
        return merged;
    }

    private static boolean isEmpty(JsonNode value) {
        return value.isNull() || (value.isString() && value.stringValue().isEmpty())
                || ((value.isObject() || value.isArray()) && value.isEmpty());
    }
}
