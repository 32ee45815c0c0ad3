package io.arktasksync.mapping;

import java.util.UUID;
import java.util.function.Supplier;

import io.arktasksync.client.UnparsedItem;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps one list item to the rows of {@code ark.tasks} and {@code ark.task_usage}, or to a reject.
 * <p>
 * Lenient where the API is documented to vary (no {@code content}, {@code content: {}}, {@code video_url: ""}, no
 * {@code usage}, {@code failure_reason} instead of {@code error}, unknown fields) and strict where storing would be
 * wrong: no id, a field of the wrong shape, negative tokens, text PostgreSQL cannot hold (NUL, broken surrogate
 * pairs). Unknown fields are never an error: they stay in {@code raw}. An item the JSON parser refused on its own
 * ({@link UnparsedItem}) is rejected with its raw text. Stateless and thread-safe.
 */
public class TaskMapper {

    /** Longest id accepted; Ark ids are about 30 characters, anything far longer is garbage. */
    static final int MAX_ID_LENGTH = 256;

    private final JsonMapper mapper;

    public TaskMapper(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public MappingResult map(RawTaskItem raw) {
        return map(raw, raw.receivedDigest() == null ? null : ItemDigest.of(raw.receivedDigest(), raw.serviceTier()));
    }

    /** @param itemDigest the item's {@link ItemDigest} when the caller computed it already, else null */
    public MappingResult map(RawTaskItem raw, UUID itemDigest) {
        JsonNode item = raw.item();
        UnparsedItem unparsed = UnparsedItem.of(item);
        if (unparsed != null) {
            String taskId = unparsed.taskId() == null ? null : UnstorableText.escape(unparsed.taskId());
            return new MappingResult.Rejected(taskId, UnstorableText.escape(unparsed.reason()),
                    UnstorableText.escape(unparsed.rawText()), raw.slice(), raw.pageNum(),
                    unparsed.sizeBytes() < 0 ? null : unparsed.sizeBytes());
        }
        String id = null;
        try {
            if (!item.isObject()) {
                throw new UnmappableItemException("item is not a JSON object but " + ItemFields.describe(item));
            }
            id = readId(item);
            String unstorable = UnstorableText.find(item);
            if (unstorable != null) {
                throw new UnmappableItemException(unstorable);
            }
            TaskRow task = taskRow(id, item, raw.serviceTier());
            return new MappingResult.Mapped(task, usageRow(id, item), raw.slice(), raw.pageNum(),
                    itemDigest != null ? itemDigest : ItemDigest.ofText(task.rawJson(), raw.serviceTier()));
        }
        catch (UnmappableItemException e) {
            // Every text of a reject is stored, so none may keep what PostgreSQL refuses.
            return new MappingResult.Rejected(UnstorableText.escape(id), UnstorableText.escape(e.getMessage()),
                    UnstorableText.escape(mapper.writeValueAsString(item)), raw.slice(), raw.pageNum());
        }
    }

    private static String readId(JsonNode item) {
        String id = ItemFields.text(item, "id");
        if (id == null || id.isBlank()) {
            throw new UnmappableItemException("item has no id");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw new UnmappableItemException("field 'id' is " + id.length() + " characters long, more than "
                    + MAX_ID_LENGTH);
        }
        return id;
    }

    private TaskRow taskRow(String id, JsonNode item, String listedTier) {
        JsonNode content = nested("content", () -> ItemFields.object(item, "content"));
        Error error = nested("error", () -> error(item));
        String tier = ItemFields.text(item, "service_tier");
        return new TaskRow(id, ItemFields.text(item, "model"), ItemFields.text(item, "status"),
                tier != null ? tier : listedTier,
                nested("content", () -> ItemFields.nonEmptyText(content, "video_url")),
                nested("content", () -> ItemFields.nonEmptyText(content, "last_frame_url")),
                nested("content", () -> ItemFields.nonEmptyText(content, "file_url")), error.code(), error.message(),
                ItemFields.text(item, "resolution"), ItemFields.text(item, "ratio"),
                ItemFields.smallInteger(item, "duration"), ItemFields.smallInteger(item, "frames"),
                ItemFields.smallInteger(item, "framespersecond"), ItemFields.integer(item, "seed", Long.MIN_VALUE,
                        Long.MAX_VALUE),
                ItemFields.epochSeconds(item, "created_at"), ItemFields.epochSeconds(item, "updated_at"),
                mapper.writeValueAsString(item), Attribution.of(item));
    }

    private UsageRow usageRow(String id, JsonNode item) {
        JsonNode usage = ItemFields.object(item, "usage");
        if (usage.isMissingNode() || usage.isEmpty()) {
            return null;
        }
        return nested("usage", () -> {
            Long completion = ItemFields.integer(usage, "completion_tokens", 0, Long.MAX_VALUE);
            Long total = ItemFields.integer(usage, "total_tokens", 0, Long.MAX_VALUE);
            JsonNode toolUsage = usage.get("tool_usage");
            String toolUsageJson = toolUsage == null || toolUsage.isNull() ? null : mapper.writeValueAsString(toolUsage);
            return new UsageRow(id, completion, total, toolUsageJson);
        });
    }

    /** {@code error} per the docs, {@code failure_reason} per some SDKs; an object, or a bare message string. */
    private static Error error(JsonNode item) {
        for (String field : new String[] { "error", "failure_reason" }) {
            JsonNode node = item.get(field);
            if (node == null || node.isNull() || (node.isObject() && node.isEmpty())) {
                continue;
            }
            if (node.isString()) {
                return new Error(null, node.stringValue().isEmpty() ? null : node.stringValue());
            }
            JsonNode object = ItemFields.object(item, field);
            return new Error(ItemFields.nonEmptyText(object, "code"), ItemFields.nonEmptyText(object, "message"));
        }
        return new Error(null, null);
    }

    private static <T> T nested(String field, Supplier<T> read) {
        try {
            return read.get();
        }
        catch (UnmappableItemException e) {
            throw new UnmappableItemException(field + ": " + e.getMessage());
        }
    }

    private record Error(String code, String message) {
    }
}
