package io.arktasksync.client;

import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * A task page that broke inside its {@code items}: the items before the fault were read, the one at
 * {@link #brokenAt} and those after it were not (JSON that breaks the array's structure, or a response larger than
 * {@code ark.max-page-bytes}). The reader isolates the fault by reading that range again in smaller pages
 * ({@code BrokenPageIsolation}), so that one such item does not fail its account on every run.
 */
public class BrokenPageException extends ArkApiException {

    private final transient List<JsonNode> itemsBefore;

    private final transient List<UUID> digestsBefore;

    private final long total;

    private final transient UnparsedItem broken;

    /**
     * @param itemsBefore the items read before the fault, in order, with their digests by index
     * @param total the page's {@code total} when it came before the items, else -1
     * @param broken what is known of the element the page broke in: the start of its text, the id when it came
     *        before the fault, why
     */
    public BrokenPageException(String message, boolean retryable, List<JsonNode> itemsBefore, List<UUID> digestsBefore,
            long total, UnparsedItem broken) {
        super(message, 200, null, retryable);
        this.itemsBefore = List.copyOf(itemsBefore);
        this.digestsBefore = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(digestsBefore));
        this.total = total;
        this.broken = broken;
    }

    /** The same fault, its message saying how many attempts met it. */
    BrokenPageException afterAttempts(int attempts) {
        BrokenPageException after = new BrokenPageException(getMessage() + " (gave up after " + attempts
                + " attempts)", false, itemsBefore, digestsBefore, total, broken);
        return after;
    }

    /** Index on the page of the element the page broke in: as many items were read before it. */
    public int brokenAt() {
        return itemsBefore.size();
    }

    /** The page with the items read before the fault. */
    public TaskPageResponse pageBefore() {
        return new TaskPageResponse(total, itemsBefore, digestsBefore);
    }

    public UnparsedItem broken() {
        return broken;
    }
}
