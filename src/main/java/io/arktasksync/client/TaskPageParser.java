package io.arktasksync.client;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a 200 response body into a {@link TaskPageResponse} as a stream, with Jackson's streaming parser: only
 * {@code total} and {@code items} are kept, each item as a tree so that mapping sees every field, known or not.
 * Anything that is not a task page (HTML from a relay, an {@code error} object with status 200, no {@code items}, a
 * truncated body) is an {@link ArkApiException}, never an empty page: an empty page would end the sync early and
 * silently.
 * <p>
 * <b>Bounded memory.</b> The body is never held whole: each element of {@code items} is skipped through by the
 * parser while {@link BoundedBody} keeps its bytes, then parsed and digested from them ({@link ReceivedDigest}, the
 * key masked first: {@link KeyRedaction}). An element larger than {@link Limits#maxItemBytes} is not kept: it is
 * handed on as an {@link UnparsedItem} with the start of its text, its size and its id when that came first (it
 * becomes a reject), and the rest of the page is read. A body larger than {@link Limits#maxPageBytes} is not read
 * on. So a page costs the items it holds plus about one item limit, whatever comes.
 * <p>
 * <b>Faults inside the items.</b> One item the parser refuses on its own (Jackson refuses a lone surrogate escape in
 * a field name, where it accepts one in a value) does not sink its page: the rest of the body, when it fits in the
 * item limit, is read item by item ({@link ItemByItemReader}). A page that breaks inside its items in any other way
 * (the array's structure broken, the response too large) is a {@link BrokenPageException} carrying the items read
 * before the fault, for the reader to isolate.
 */
final class TaskPageParser {

    private static final int SNIPPET_LENGTH = 200;

    /** How much of an item too large to keep is stored with its reject. */
    static final int REJECT_PREFIX_BYTES = 16 * 1024;

    /** Kept beyond the item limit: what the parser reads ahead, and the end of a page read item by item. */
    private static final int KEEP_SLACK = 64 * 1024;

    /** Codes of the API's 429 and 500 answers (ARK_API.md, "Errors"). */
    private static final List<String> TRANSIENT_CODE_PREFIXES = List.of("RateLimitExceeded",
            "APIAccountRpmRateLimitExceeded", "QuotaExceeded", "ServerOverloaded", "InternalServiceError");

    /**
     * @param maxItemBytes an element of {@code items} longer than this (as received) is quarantined
     * @param maxPageBytes a body longer than this is not read on
     */
    record Limits(int maxItemBytes, long maxPageBytes) {

        /** 4 MB an item, 32 MB a page: see {@code ark.max-item-bytes} and {@code ark.max-page-bytes}. */
        static final Limits DEFAULT = new Limits(4 * 1024 * 1024, 32L * 1024 * 1024);
    }

    private final JsonMapper mapper;

    /** Reads one item on its own: anything after the item is an error, never silently left out. */
    private final ObjectReader itemReader;

    private final ItemByItemReader itemByItem;

    private final Limits limits;

    private final KeyRedaction redaction;

    TaskPageParser(JsonMapper mapper) {
        this(mapper, Limits.DEFAULT, new KeyRedaction(""));
    }

    TaskPageParser(JsonMapper mapper, Limits limits, KeyRedaction redaction) {
        this.mapper = mapper;
        this.itemReader = mapper.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.itemByItem = new ItemByItemReader(mapper);
        this.limits = limits;
        this.redaction = redaction;
    }

    /** A body held in memory (tests, and the rest of a page read item by item). */
    TaskPageResponse parse(byte[] body, String requestDescription) {
        return parse(new ByteArrayInputStream(body), requestDescription);
    }

    /**
     * Reads the body to its end (or its fault). Closing the stream is the caller's.
     *
     * @throws BrokenPageException when the page broke inside its items
     * @throws ArkApiException when it is no task page, or could not be read ({@link #isCutOff})
     */
    TaskPageResponse parse(InputStream stream, String requestDescription) {
        BoundedBody body = new BoundedBody(stream, limits.maxPageBytes(), limits.maxItemBytes() + KEEP_SLACK);
        PageFields page = readPage(body, requestDescription);
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

    /** Whether a failure of {@link #parse} is the body's stream failing (cut off, timed out), not its content. */
    static boolean isCutOff(ArkApiException e) {
        return e.getCause() instanceof JacksonIOException io && !(io.getCause() instanceof BoundedBody.TooLarge);
    }

    private PageFields readPage(BoundedBody body, String request) {
        ItemsRead items = new ItemsRead();
        Long total = null;
        JsonNode error = null;
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw notAPage(request, "the body is not a JSON object", body, false);
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "total" -> total = readTotal(parser, value, request, body);
                    case "items" -> readItems(parser, body, value, request, items);
                    case "error" -> error = readKept(parser, body);
                    default -> parser.skipChildren();
                }
            }
        }
        catch (JacksonException e) {
            if (items.inside) {
                return readOnAfterFault(body, request, items, total, e);
            }
            throw unreadable(request, body, e);
        }
        return items.items == null ? new PageFields(total, null, null, error)
                : new PageFields(total, items.items, items.digests, error);
    }

    /** The page could not be read outside its items: cut off, too large, or not JSON. */
    private ArkApiException unreadable(String request, BoundedBody body, JacksonException e) {
        if (e.getCause() instanceof BoundedBody.TooLarge tooLarge) {
            return new ArkApiException("Ark API returned a response too large for " + request + ": "
                    + tooLarge.getMessage() + " (ark.max-page-bytes)", 200, null, false, null, e);
        }
        if (e instanceof JacksonIOException) {
            return new ArkApiException("The response to " + request + " could not be read to its end: "
                    + e.getOriginalMessage(), 200, null, true, null, e);
        }
        // Cut-off or garbled JSON: most often a dropped connection or a proxy in trouble, so worth a retry.
        return notAPage(request, "the body is not valid JSON (" + e.getOriginalMessage() + ")", body, true);
    }

    /**
     * Reads each element from its bytes as received: the parser skips through it (never building a string of a
     * huge value) while the body keeps its bytes; an element within the item limit is then parsed and digested on
     * its own, a larger one becomes an {@link UnparsedItem}.
     */
    private void readItems(JsonParser parser, BoundedBody body, JsonToken value, String request, ItemsRead read) {
        if (value != JsonToken.START_ARRAY) {
            throw notAPage(request, "\"items\" is not an array", body, false);
        }
        read.items = new ArrayList<>();
        read.digests = new ArrayList<>();
        read.inside = true;
        JsonToken token = parser.nextToken();
        while (token != JsonToken.END_ARRAY) {
            long start = parser.currentTokenLocation().getByteOffset();
            read.elementStart = start;
            body.keepFrom(start);
            long end;
            JsonToken next;
            if (token == JsonToken.VALUE_STRING) {
                // A string's text is read only when asked for: skip it, and find its end from the next token.
                next = parser.nextToken();
                end = endBefore(body, parser.currentTokenLocation().getByteOffset());
            }
            else {
                parser.skipChildren();
                end = token.isStructStart() ? parser.currentTokenLocation().getByteOffset() + 1
                        : parser.currentLocation().getByteOffset();
                next = null;
            }
            if (start < 0 || end <= start) {
                throw new StreamReadException(parser, "the parser reports no byte offsets for this body");
            }
            addElement(read, body, start, end, token == JsonToken.START_OBJECT);
            read.elementStart = -1;
            token = next != null ? next : parser.nextToken();
        }
        read.inside = false;
    }

    private void addElement(ItemsRead read, BoundedBody body, long start, long end, boolean object) {
        long size = end - start;
        if (size > limits.maxItemBytes() || !body.holds(start, end)) {
            read.items.add(tooLarge(body, start, size).asNode());
            read.digests.add(null);
            return;
        }
        byte[] bytes = redaction.apply(body.kept(start, end));
        read.items.add(itemReader.readValue(bytes));
        read.digests.add(object && bytes[0] == '{' && bytes[bytes.length - 1] == '}'
                ? ReceivedDigest.of(bytes, 0, bytes.length) : null);
    }

    private UnparsedItem tooLarge(BoundedBody body, long start, long size) {
        byte[] prefix = prefix(body, start, size);
        return new UnparsedItem(new String(prefix, StandardCharsets.UTF_8), "the item is " + size
                + " bytes as received, more than ark.max-item-bytes (" + limits.maxItemBytes()
                + "); only its first " + prefix.length + " bytes are kept", itemByItem.idBefore(prefix), size);
    }

    /**
     * The start of the element at {@code start}, the key masked, at most {@link #REJECT_PREFIX_BYTES} and at most
     * {@code size} bytes (-1: unknown, the body's bytes from there on).
     */
    private byte[] prefix(BoundedBody body, long start, long size) {
        int length = (int) (size < 0 ? REJECT_PREFIX_BYTES : Math.min(size, REJECT_PREFIX_BYTES));
        // Masked before it is cut, so that no start of the key survives at the cut.
        byte[] held = redaction.apply(body.keptPrefix(start, (int) Math.min(size < 0 ? Long.MAX_VALUE : size,
                length + (long) redaction.keyLength())));
        return held.length <= length ? held : java.util.Arrays.copyOf(held, length);
    }

    /** The end of the element before the token at {@code next}: back over whitespace and one comma. */
    private static long endBefore(BoundedBody body, long next) {
        long end = next;
        boolean comma = false;
        while (end > 0 && body.byteAt(end - 1) >= 0) {
            int b = body.byteAt(end - 1);
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || (b == ',' && !comma)) {
                comma |= b == ',';
                end--;
            }
            else {
                break;
            }
        }
        return end;
    }

    /**
     * The parser failed inside the items. When the rest of the body fits in the item limit and the failing element
     * is one the parser refuses on its own, the rest is read item by item; otherwise the page is broken there.
     */
    private PageFields readOnAfterFault(BoundedBody body, String request, ItemsRead read, Long total,
            JacksonException fault) {
        if (fault instanceof JacksonIOException && !(fault.getCause() instanceof BoundedBody.TooLarge)) {
            throw unreadable(request, body, fault);
        }
        boolean tooLarge = fault.getCause() instanceof BoundedBody.TooLarge;
        long start = read.elementStart;
        if (!tooLarge && start >= 0) {
            PageFields rest = readRestItemByItem(body, start, total, request);
            if (rest != null) {
                List<JsonNode> items = new ArrayList<>(read.items);
                items.addAll(rest.items());
                List<UUID> digests = new ArrayList<>(read.digests);
                digests.addAll(rest.digests());
                return new PageFields(total != null ? total : rest.total(), items, digests, rest.error());
            }
        }
        byte[] prefix = start >= 0 ? prefix(body, start, -1) : new byte[0];
        String why = tooLarge ? "the response is larger than ark.max-page-bytes (" + limits.maxPageBytes() + ")"
                : "the body is not valid JSON (" + fault.getOriginalMessage() + ")";
        UnparsedItem broken = new UnparsedItem(new String(prefix, StandardCharsets.UTF_8),
                "the page broke in this item: " + why, itemByItem.idBefore(prefix), -1);
        throw new BrokenPageException("Ark API returned something that is not a task page for " + request + ": "
                + why + " in item " + (read.items.size() + 1) + "; body starts with: " + snippet(redaction.apply(
                        body.head())), !tooLarge, read.items, read.digests, total == null ? -1 : total, broken);
    }

    /** The rest of the body from the failing element on, item by item, or null when it cannot be read that way. */
    private PageFields readRestItemByItem(BoundedBody body, long start, Long total, String request) {
        try {
            if (!body.readToEndKeeping() || !body.holds(start, body.position())) {
                return null;
            }
        }
        catch (java.io.IOException cutOrTooLarge) {
            return null;
        }
        byte[] rest = redaction.apply(body.kept(start, body.position()));
        String opening = "{" + (total == null ? "" : "\"total\":" + total + ",") + "\"items\":[";
        byte[] page = new byte[opening.length() + rest.length];
        System.arraycopy(opening.getBytes(StandardCharsets.US_ASCII), 0, page, 0, opening.length());
        System.arraycopy(rest, 0, page, opening.length(), rest.length);
        TaskPageParser around = new TaskPageParser(mapper, limits, new KeyRedaction(""));
        return itemByItem.read(page, opening.length() - 1, request,
                // everything but the items must still be a valid page: read it with an empty array in their place
                withoutItems -> around.readPage(new BoundedBody(new ByteArrayInputStream(withoutItems),
                        limits.maxPageBytes(), limits.maxItemBytes() + KEEP_SLACK), request));
    }

    /** An {@code error} member, kept whole only when it fits in the item limit (the key masked). */
    private JsonNode readKept(JsonParser parser, BoundedBody body) {
        long start = parser.currentTokenLocation().getByteOffset();
        body.keepFrom(start);
        parser.skipChildren();
        long end = parser.currentToken().isStructStart() || parser.currentToken().isStructEnd()
                ? parser.currentTokenLocation().getByteOffset() + 1 : parser.currentLocation().getByteOffset();
        if (parser.currentToken() == JsonToken.VALUE_STRING || !body.holds(start, end)) {
            // A bare string is no error object; one too large to keep says too little to be worth it.
            return mapper.getNodeFactory().stringNode("(an error too large to read)");
        }
        return itemReader.readValue(redaction.apply(body.kept(start, end)));
    }

    /** The items array as read so far: items and digests by index, and where the element being read began. */
    private static final class ItemsRead {

        private List<JsonNode> items;

        private List<UUID> digests;

        private boolean inside;

        private long elementStart = -1;
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
    private Long readTotal(JsonParser parser, JsonToken value, String request, BoundedBody body) {
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

    /** A well-formed answer that is no task page: most often ARK_BASE_URL names another server or path. */
    static final String NOT_ARK = " (is ARK_BASE_URL an Ark API? A base URL looks like "
            + "https://ark.cn-beijing.volces.com/api/v3 or a relay's https://relay.example/volc/v1, without "
            + "/contents/generations/tasks, which the job appends)";

    private ArkApiException notAPage(String request, String why, BoundedBody body, boolean retryable) {
        return new ArkApiException("Ark API returned something that is not a task page for " + request + ": " + why
                + "; body starts with: " + snippet(redaction.apply(body.head())) + (retryable ? "" : NOT_ARK), 200,
                null, retryable);
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
