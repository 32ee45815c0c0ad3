package io.arktasksync.mapping;

/** Token usage of one task as stored in {@code ark.task_usage}; {@code toolUsageJson} is null or JSON text. */
public record UsageRow(String taskId, Long completionTokens, Long totalTokens, String toolUsageJson) {
}
