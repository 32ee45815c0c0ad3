package io.arktasksync.simulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One well-formed task as the simulator serves it.
 *
 * <p>The fields mirror the item of the real list response (see {@code ARK_API.md}); optional parts are
 * nullable so that tests can express exactly which keys are present: a {@code null} here means the key is
 * absent from the served JSON, except for the error, which the real API sends as {@code "error": null}.
 *
 * @param id                   task id, the key of the dataset (e.g. {@code cgt-20251125123456-ab12c})
 * @param model                model or endpoint id
 * @param status               status text; kept as free text because new values appear upstream
 * @param serviceTier          {@code default} or {@code flex} (anything else is stored but never listed)
 * @param createdAt            Unix seconds
 * @param updatedAt            Unix seconds
 * @param completionTokens     {@code usage.completion_tokens}; both token counts null: no usage object
 * @param totalTokens          {@code usage.total_tokens}
 * @param videoUrl             {@code content.video_url}; with {@code lastFrameUrl} both null there is no content key
 * @param lastFrameUrl         {@code content.last_frame_url}
 * @param errorCode            error code; with {@code errorMessage} both null the item has {@code "error": null}
 * @param errorMessage         error message
 * @param errorAsFailureReason name the error object {@code failure_reason} instead of {@code error}, as some SDKs do
 * @param resolution           e.g. {@code 720p}
 * @param ratio                e.g. {@code 16:9} or {@code adaptive}
 * @param duration             seconds; null when the task was specified by frames (put {@code frames} in extraFields)
 * @param framesPerSecond      served as {@code framespersecond}
 * @param seed                 generation seed
 * @param extraFields          further top-level fields, serialized as given after the standard ones; a key that
 *                             names a standard field replaces it (e.g. {@code "content": {}}). Values: String,
 *                             Number, Boolean, Map, List or null
 */
public record SimulatedTask(String id, String model, String status, String serviceTier,
        long createdAt, long updatedAt,
        Long completionTokens, Long totalTokens,
        String videoUrl, String lastFrameUrl,
        String errorCode, String errorMessage,
        boolean errorAsFailureReason,
        String resolution, String ratio, Integer duration, Integer framesPerSecond, Long seed,
        Map<String, Object> extraFields) {

    /** What the real API sends for every task: 48 hours, in seconds. */
    static final long EXECUTION_EXPIRES_AFTER_SECONDS = 172_800L;

    /**
     * Validates the keys the simulator indexes on and freezes the extra fields (insertion order kept, null values
     * allowed).
     */
    public SimulatedTask {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(serviceTier, "serviceTier");
        extraFields = extraFields == null || extraFields.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(extraFields));
    }

    /** A copy in another status, as the task looks after a transition at {@code updatedAt}. */
    public SimulatedTask withStatus(String status, long updatedAt) {
        return new SimulatedTask(id, model, status, serviceTier, createdAt, updatedAt,
                completionTokens, totalTokens, videoUrl, lastFrameUrl, errorCode, errorMessage,
                errorAsFailureReason, resolution, ratio, duration, framesPerSecond, seed, extraFields);
    }

    /**
     * A copy created no earlier than {@code instant} (and updated no earlier), as if submitted then: lets a test keep
     * generated tasks inside a calendar period that began less than a week ago.
     */
    public SimulatedTask createdNoEarlierThan(long instant) {
        long created = Math.max(createdAt, instant);
        return new SimulatedTask(id, model, status, serviceTier, created, Math.max(updatedAt, created),
                completionTokens, totalTokens, videoUrl, lastFrameUrl, errorCode, errorMessage,
                errorAsFailureReason, resolution, ratio, duration, framesPerSecond, seed, extraFields);
    }

    /** A copy with other usage figures, e.g. usage that appears or is corrected late. */
    public SimulatedTask withUsage(Long completionTokens, Long totalTokens, long updatedAt) {
        return new SimulatedTask(id, model, status, serviceTier, createdAt, updatedAt,
                completionTokens, totalTokens, videoUrl, lastFrameUrl, errorCode, errorMessage,
                errorAsFailureReason, resolution, ratio, duration, framesPerSecond, seed, extraFields);
    }

    /** The item exactly as the API would send it, keys in the order of the documented example. */
    public ObjectNode toJson(JsonMapper mapper) {
        ObjectNode item = mapper.createObjectNode();
        item.put("id", id);
        item.put("model", model);
        item.put("status", status);
        putError(item);
        putContent(item);
        putUsage(item);
        item.put("created_at", createdAt);
        item.put("updated_at", updatedAt);
        putIfPresent(item, "seed", seed);
        putIfPresent(item, "resolution", resolution);
        putIfPresent(item, "ratio", ratio);
        if (duration != null) {
            item.put("duration", duration);
        }
        if (framesPerSecond != null) {
            item.put("framespersecond", framesPerSecond);
        }
        item.put("service_tier", serviceTier);
        item.put("execution_expires_after", EXECUTION_EXPIRES_AFTER_SECONDS);
        extraFields.forEach((key, value) -> item.set(key, mapper.valueToTree(value)));
        return item;
    }

    private void putError(ObjectNode item) {
        if (errorCode == null && errorMessage == null) {
            item.putNull("error");
            return;
        }
        ObjectNode error = item.putObject(errorAsFailureReason ? "failure_reason" : "error");
        putOrNull(error, "code", errorCode);
        putOrNull(error, "message", errorMessage);
    }

    private void putContent(ObjectNode item) {
        if (videoUrl == null && lastFrameUrl == null) {
            return;
        }
        ObjectNode content = item.putObject("content");
        putIfPresent(content, "video_url", videoUrl);
        putIfPresent(content, "last_frame_url", lastFrameUrl);
    }

    private void putUsage(ObjectNode item) {
        if (completionTokens == null && totalTokens == null) {
            return;
        }
        ObjectNode usage = item.putObject("usage");
        putIfPresent(usage, "completion_tokens", completionTokens);
        putIfPresent(usage, "total_tokens", totalTokens);
    }

    private static void putIfPresent(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    private static void putIfPresent(ObjectNode node, String key, Long value) {
        if (value != null) {
            node.put(key, value.longValue());
        }
    }

    private static void putOrNull(ObjectNode node, String key, String value) {
        if (value == null) {
            node.putNull(key);
        } else {
            node.put(key, value);
        }
    }
}
