package io.arktasksync.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a 200 response body into a {@link TaskPageResponse} with Jackson's streaming parser: only {@code total} and
 * {@code items} are kept, each item as a tree so that mapping sees every field, known or not. Anything that is not a
 * task page (HTML from a relay, an {@code error} object with status 200, no {@code items}, a truncated body) is an
 * {@link ArkApiException}, never an empty page: an empty page would end the sync early and silently.
 * <p>
 * One item the parser refuses on its own (Jackson refuses a lone surrogate escape in a field name, where it accepts
 * one in a value) does not sink its page: see {@link ItemByItemReader}.
 */
final class TaskPageParser {

    private static final int SNIPPET_LENGTH = 200;

    /** Codes of the API's 429 and 500 answers (ARK_API.md, "Errors"). */
    private static final List<String> TRANSIENT_CODE_PREFIXES = List.of("RateLimitExceeded",
            "APIAccountRpmRateLimitExceeded", "QuotaExceeded", "ServerOverloaded", "InternalServiceError");

    private final JsonMapper mapper;

    /** Reads one tree at the parser's position; the rest of the page follows it, which is not an error here. */
    private final ObjectReader treeReader;

    private final ItemByItemReader itemByItem;

    TaskPageParser(JsonMapper mapper) {
        this.mapper = mapper;
        this.treeReader = mapper.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.itemByItem = new ItemByItemReader(mapper);
    }

    TaskPageResponse parse(byte[] body, String requestDescription) {
        ItemsPosition position = new ItemsPosition();
        PageFields page;
        try {
            page = readPage(body, body, requestDescription, position);
        }
        catch (JacksonException e) {
            page = position.brokeInside() ? itemByItem.read(body, position.start, requestDescription,
                    // everything but the items must still be a valid page: read it with an empty array in their place
                    withoutItems -> readPage(withoutItems, body, requestDescription, new ItemsPosition())) : null;
            if (page == null) {
                // Cut-off or garbled JSON: most often a dropped connection or a proxy in trouble, so worth a retry.
                throw notAPage(requestDescription, "the body is not valid JSON (" + e.getOriginalMessage() + ")", body,
                        true);
            }
        }
        JsonNode error = page.error();
        if (error != null && !error.isNull()) {
            String code = JsonText.of(error.get("code"));
            throw new ArkApiException("Ark API answered 200 with an error for " + requestDescription + ": "
                    + (code == null ? "" : code + ": ") + JsonText.of(error.get("message")), 200, code,
                    isTransient(code));
        }
        if (page.items() == null) {
            throw notAPage(requestDescription, "the JSON object has no \"items\" array", body, false);
        }
        return new TaskPageResponse(page.total() == null ? -1 : page.total(), page.items(), page.digests());
    }

    /**
     * @param json what to parse
     * @param body the body as received, for messages
     */
    private PageFields readPage(byte[] json, byte[] body, String requestDescription, ItemsPosition position) {
        Long total = null;
        ReadItems items = null;
        JsonNode error = null;
        try (JsonParser parser = mapper.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw notAPage(requestDescription, "the body is not a JSON object", body, false);
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "total" -> total = readTotal(parser, value, requestDescription, body);
                    case "items" -> items = readItems(parser, json, value, requestDescription, body, position);
                    case "error" -> error = treeReader.readValue(parser);
                    default -> parser.skipChildren();
                }
            }
        }
        return items == null ? new PageFields(total, null, null, error)
                : new PageFields(total, items.items(), items.digests(), error);
    }

    /**
     * Whether an error code the API documents with 429 or 500 came wrapped in a 200 (as relays do): worth the same
     * retries as the status it stands for. Anything else (bad parameters, access) would only fail again.
     */
    static boolean isTransient(String code) {
        return code != null && TRANSIENT_CODE_PREFIXES.stream().anyMatch(code::startsWith);
    }

    /**
     * {@code total} is advisory (the reader never trusts it to stop), so a relay's re-encoding of the number
     * ({@code 2.0}, {@code "2"}) is accepted; {@code null} reads as unknown. Any other shape means this is not the
     * page we think it is.
     */
    private Long readTotal(JsonParser parser, JsonToken value, String request, byte[] body) {
        try {
            switch (value) {
                case VALUE_NUMBER_INT:
                    return parser.getLongValue();
                case VALUE_NUMBER_FLOAT:
                    return parser.getDecimalValue().longValueExact();
                case VALUE_STRING:
                    return Long.parseLong(parser.getString().strip());
                case VALUE_NULL:
                    return null;
                default:
                    break;
            }
        }
        catch (ArithmeticException | NumberFormatException notAWholeNumber) {
            // reported below
        }
        throw notAPage(request, "\"total\" is not a whole number", body, false);
    }

    /**
     * Reads the items, each with the {@link ReceivedDigest} of its bytes in {@code json}, from its opening brace to
     * its closing one (objects only: anything else is no task and is never recognised as stored).
     */
    private ReadItems readItems(JsonParser parser, byte[] json, JsonToken value, String request, byte[] body,
            ItemsPosition position) {
        if (value != JsonToken.START_ARRAY) {
            throw notAPage(request, "\"items\" is not an array", body, false);
        }
        position.start = (int) parser.currentTokenLocation().getByteOffset();
        List<JsonNode> items = new ArrayList<>();
        List<UUID> digests = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            long start = parser.currentTokenLocation().getByteOffset();
            items.add(treeReader.readValue(parser));
            // After an object the parser stands on its closing brace.
            long end = token == JsonToken.START_OBJECT ? parser.currentTokenLocation().getByteOffset() + 1 : -1;
            digests.add(isObjectAt(json, start, end) ? ReceivedDigest.of(json, (int) start, (int) end) : null);
        }
        position.complete = true;
        return new ReadItems(items, digests);
    }

    /**
     * Whether {@code [start, end)} is framed by braces: the offsets the parser reported frame the item itself. A
     * digest of bytes beside the item could call two items equal that are not, so anything else gets none.
     */
    private static boolean isObjectAt(byte[] json, long start, long end) {
        return start >= 0 && end > start + 1 && end <= json.length && json[(int) start] == '{'
                && json[(int) end - 1] == '}';
    }

    /** The items array as read: items and their digests by index. */
    private record ReadItems(List<JsonNode> items, List<UUID> digests) {
    }

    /** Where the {@code items} array starts in the body, and whether the parser got through it. */
    private static final class ItemsPosition {

        private int start = -1;

        private boolean complete;

        /** Whether the parser failed inside the items array. */
        boolean brokeInside() {
            return start >= 0 && !complete;
        }
    }

    /** A well-formed answer that is no task page: most often ARK_BASE_URL names another server or path. */
    static final String NOT_ARK = " (is ARK_BASE_URL an Ark API? A base URL looks like "
            + "https://ark.cn-beijing.volces.com/api/v3 or a relay's https://relay.example/volc/v1, without "
            + "/contents/generations/tasks, which the job appends)";

    private static ArkApiException notAPage(String request, String why, byte[] body, boolean retryable) {
        return new ArkApiException("Ark API returned something that is not a task page for " + request + ": " + why
                + "; body starts with: " + snippet(body) + (retryable ? "" : NOT_ARK), 200, null, retryable);
    }

    /** The start of a body, on one line, for error messages. */
    static String snippet(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, SNIPPET_LENGTH * 4), StandardCharsets.UTF_8)
            .replaceAll("\\s+", " ")
            .strip();
        if (text.isEmpty()) {
            return "(empty)";
        }
        return text.length() > SNIPPET_LENGTH ? text.substring(0, SNIPPET_LENGTH) + "..." : text;
    }
}
