package io.arktasksync.client;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.POJONode;

/**
 * An element of a page's {@code items} that the JSON parser refuses on its own (a lone surrogate escape in a field
 * name, say), inside an array whose structure is intact. It travels in the page's item list as a {@link POJONode},
 * so that the page keeps its length (a short page ends a listing) and its order, and has no id nor any other field
 * for the reader; mapping turns it into a reject that keeps the raw text, and the task's id when it can be told.
 *
 * @param rawText the element's bytes as UTF-8 text, exactly as received (invalid UTF-8 replaced by U+FFFD)
 * @param reason why the parser refused it
 * @param taskId the item's top-level {@code id} when the parser read it before the fault, else null
 * @param sizeBytes the element's length in bytes as received, -1 when unknown (the response ended or was cut first);
 *        an element larger than {@code ark.max-item-bytes} keeps only the start of its text in {@code rawText}
 */
public record UnparsedItem(String rawText, String reason, String taskId, long sizeBytes) {

    /** An element whose text is whole. */
    public UnparsedItem(String rawText, String reason, String taskId) {
        this(rawText, reason, taskId, rawText.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }

    public JsonNode asNode() {
        return JsonNodeFactory.instance.pojoNode(this);
    }

    /** @return the unparsed item a page element stands for, or null for an element that was parsed */
    public static UnparsedItem of(JsonNode element) {
        return element instanceof POJONode node && node.getPojo() instanceof UnparsedItem unparsed ? unparsed : null;
    }
}
