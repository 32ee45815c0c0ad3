package io.arktasksync.mapping;

/**
 * A task as stored in {@code ark.tasks}. Times are Unix seconds as the API sends them; SQL converts them.
 *
 * @param rawJson the item re-serialized from its parsed tree, every field kept, unknown ones included
 * @param attribution the fields cost is charged back by
 */
public record TaskRow(String id, String model, String status, String serviceTier, String videoUrl,
        String lastFrameUrl, String fileUrl, String errorCode, String errorMessage, String resolution, String ratio,
        Integer duration, Integer frames, Integer fps, Long seed, Long createdAt, Long updatedAt, String rawJson,
        Attribution attribution) {
}
