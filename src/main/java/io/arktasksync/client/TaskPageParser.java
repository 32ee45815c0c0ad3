package io.arktasksync.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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
 */
final class TaskPageParser {

    private static final int SNIPPET_LENGTH = 200;

    /** Codes of the API's 429 and 500 answers (ARK_API.md, "Errors"). */
    private static final List<String> TRANSIENT_CODE_PREFIXES = List.of("RateLimitExceeded",
            "APIAccountRpmRateLimitExceeded", "QuotaExceeded", "ServerOverloaded", "InternalServiceError");

    private final JsonMapper mapper;

    /** Reads one tree at the parser's position; the rest of the page follows it, which is not an error here. */
    private final ObjectReader treeReader;

    TaskPageParser(JsonMapper mapper) {
        this.mapper = mapper;
        this.treeReader = mapper.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    TaskPageResponse parse(byte[] body, String requestDescription) {
        Long total = null;
        List<JsonNode> items = null;
        JsonNode error = null;
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw notAPage(requestDescription, "the body is not a JSON object", body, false);
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "total" -> total = readTotal(parser, value, requestDescription, body);
                    case "items" -> items = readItems(parser, value, requestDescription, body);
                    case "error" -> error = treeReader.readValue(parser);
                    default -> parser.skipChildren();
                }
            }
        }
        catch (JacksonException e) {
            // Cut-off or garbled JSON: most often a dropped connection or a proxy in trouble, so worth a retry.
            throw notAPage(requestDescription, "the body is not valid JSON (" + e.getOriginalMessage() + ")", body, true);
        }
        if (error != null && !error.isNull()) {
            String code = JsonText.of(error.get("code"));
            throw new ArkApiException("Ark API answered 200 with an error for " + requestDescription + ": "
                    + (code == null ? "" : code + ": ") + JsonText.of(error.get("message")), 200, code,
                    isTransient(code));
        }
        if (items == null) {
            throw notAPage(requestDescription, "the JSON object has no \"items\" array", body, false);
        }
        return new TaskPageResponse(total == null ? -1 : total, items);
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

    private List<JsonNode> readItems(JsonParser parser, JsonToken value, String request, byte[] body) {
        if (value != JsonToken.START_ARRAY) {
            throw notAPage(request, "\"items\" is not an array", body, false);
        }
        List<JsonNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(treeReader.readValue(parser));
        }
        return items;
    }

    private static ArkApiException notAPage(String request, String why, byte[] body, boolean retryable) {
        return new ArkApiException("Ark API returned something that is not a task page for " + request + ": " + why
                + "; body starts with: " + snippet(body), 200, null, retryable);
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
