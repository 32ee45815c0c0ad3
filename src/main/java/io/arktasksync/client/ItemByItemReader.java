package io.arktasksync.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * For {@link TaskPageParser}: reads a page whose items the parser refused as a whole (Jackson refuses a lone
 * surrogate escape in a field name, where it accepts one in a value) one item at a time. Stateless and thread-safe.
 */
final class ItemByItemReader {

    private static final Logger log = LoggerFactory.getLogger(ItemByItemReader.class);

    private final JsonMapper mapper;

    /** Reads one item on its own: anything after the item is an error, never silently left out. */
    private final ObjectReader itemReader;

    ItemByItemReader(JsonMapper mapper) {
        this.mapper = mapper;
        this.itemReader = mapper.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * Reads a page whose items the parser refused as a whole, one item at a time: the one item it refuses is
     * handed on as an {@link UnparsedItem} (and becomes a reject), the rest of the page is stored. Only when the
     * array's structure is intact and the refused item is an object: a page cut short, or garbage among the items,
     * stays an error, never a page with fewer items than it had.
     *
     * @param arrayStart where the items array starts in the body
     * @param around reads the rest of the page, given the body with an empty array in place of the items
     * @return the page, or null when it cannot be read this way
     */
    PageFields read(byte[] body, int arrayStart, String requestDescription, Function<byte[], PageFields> around) {
        JsonArraySplitter.Split split = JsonArraySplitter.split(body, arrayStart).orElse(null);
        if (split == null) {
            return null;
        }
        PageFields page;
        try {
            page = around.apply(withoutArrayContent(body, arrayStart, split.end()));
        }
        catch (JacksonException | ArkApiException e) {
            return null;
        }
        List<JsonNode> items = new ArrayList<>(split.elements().size());
        List<UUID> digests = new ArrayList<>(split.elements().size());
        int unparsed = 0;
        for (JsonArraySplitter.Element element : split.elements()) {
            try {
                JsonNode item = itemReader.readValue(body, element.start(), element.length());
                items.add(item);
                digests.add(item.isObject() ? ReceivedDigest.of(body, element.start(), element.end()) : null);
            }
            catch (JacksonException e) {
                if (!element.isObject(body)) {
                    return null;
                }
                String rawText = new String(body, element.start(), element.length(), StandardCharsets.UTF_8);
                items.add(new UnparsedItem(rawText, "the item is not valid JSON (" + e.getOriginalMessage() + ")",
                        idBeforeTheFault(body, element)).asNode());
                digests.add(null);
                unparsed++;
            }
        }
        if (unparsed == 0) {
            // Every item reads on its own, so the page failed for a reason this cannot tell: keep it an error.
            return null;
        }
        log.warn("{} item(s) of {} are not valid JSON on their own; they go to ark.task_rejects, the rest of the "
                + "page is read", unparsed, requestDescription);
        return new PageFields(page.total(), items, digests, page.error());
    }

    /** The top-level {@code id} of an item whose text is {@code start} (or all of it), when it comes first; else null. */
    String idBefore(byte[] start) {
        return start.length == 0 ? null : idBeforeTheFault(start, new JsonArraySplitter.Element(0, start.length));
    }

    /**
     * The item's top-level {@code id}, when it comes before what the parser refuses (the API sends it first), so
     * that the reject names its task; null otherwise. Read with the same parser, never guessed from the text.
     */
    private String idBeforeTheFault(byte[] body, JsonArraySplitter.Element element) {
        try (JsonParser parser = mapper.createParser(body, element.start(), element.length())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("id".equals(name)) {
                    return value == JsonToken.VALUE_STRING ? parser.getString() : null;
                }
                parser.skipChildren();
            }
        }
        catch (JacksonException faultCameFirst) {
            // the item breaks before its id: the reject has none
        }
        return null;
    }

    private static byte[] withoutArrayContent(byte[] body, int arrayStart, int arrayEnd) {
        byte[] page = new byte[body.length - (arrayEnd - arrayStart - 1)];
        System.arraycopy(body, 0, page, 0, arrayStart + 1);
        System.arraycopy(body, arrayEnd, page, arrayStart + 1, body.length - arrayEnd);
        return page;
    }
}
