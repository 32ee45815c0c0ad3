package io.arktasksync.mapping;

import java.util.UUID;

/** What mapping made of one raw item: a task to store, or a reject to quarantine. */
public sealed interface MappingResult permits MappingResult.Mapped, MappingResult.Rejected {

    /**
     * @param usage null when the item reported no usage
     * @param slice label of the listing it was read from
     * @param pageNum the page it was on
     * @param itemDigest the {@link ItemDigest} of the item it was mapped from
     */
    record Mapped(TaskRow task, UsageRow usage, String slice, int pageNum, UUID itemDigest) implements MappingResult {
    }

    /**
     * @param taskId the item's id when it had a usable one, else null
     * @param reason why it cannot be stored, naming the field
     * @param rawText the item as JSON text (control characters escaped), so nothing is lost; for an item too large
     *        to read, the start of it
     * @param sizeBytes the item's length as received, null when unknown or not measured
     */
    record Rejected(String taskId, String reason, String rawText, String slice, int pageNum, Long sizeBytes)
            implements MappingResult {

        /** A reject of an item that was read whole. */
        public Rejected(String taskId, String reason, String rawText, String slice, int pageNum) {
            this(taskId, reason, rawText, slice, pageNum, null);
        }
    }
}
