package io.arktasksync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pages whose items the parser refuses as a whole: one item quarantined, or the page an error, never less. */
class TaskPageParserTest {

    /** Jackson accepts a lone surrogate escape in a value but refuses one in a field name. */
    private static final String BROKEN_ITEM = "{\"id\":\"cgt-b\",\"\\ud834\":1}";

    /** The application's mapper. */
    private final TaskPageParser parser = new TaskPageParser(ArkJsonMapper.create());

    @Test
    void shouldHandOnAnItemTheParserRefusesAsUnparsedAndReadTheRestOfThePage() {
        // given
        String body = "{\"items\":[{\"id\":\"cgt-a\",\"model\":\"视频\"}, " + BROKEN_ITEM
                + " ,{\"id\":\"cgt-c\",\"x\":\"] , [\"}],\"total\":3}";

        // when
        TaskPageResponse page = parse(body);

        // then: the page keeps its length and order, so a full page still reads as full
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.items()).hasSize(3);
        assertThat(page.items().get(0).get("model").stringValue()).isEqualTo("视频");
        assertThat(page.items().get(2).get("x").stringValue()).isEqualTo("] , [");
        UnparsedItem unparsed = UnparsedItem.of(page.items().get(1));
        assertThat(unparsed).isNotNull();
        assertThat(unparsed.rawText()).isEqualTo(BROKEN_ITEM);
        assertThat(unparsed.reason()).startsWith("the item is not valid JSON (").containsIgnoringCase("surrogate");
        assertThat(page.items().get(1).get("id")).as("no id for the reader to count").isNull();
        assertThat(unparsed.taskId()).as("the id read before the fault, for the reject").isEqualTo("cgt-b");
    }

    @Test
    void shouldNameNoTaskWhenTheItemBreaksBeforeItsId() {
        // given: the broken field name comes first; a nested "id" is not the task's
        String body = "{\"items\":[{\"\\ud834\":1,\"id\":\"cgt-late\"},{\"content\":{\"id\":\"x\"},\"\\udc00\":2}],\"total\":2}";

        // when
        TaskPageResponse page = parse(body);

        // then
        assertThat(page.items()).hasSize(2).allSatisfy(item -> assertThat(UnparsedItem.of(item)).isNotNull()
            .extracting(UnparsedItem::taskId).isNull());
    }

    @Test
    void shouldReadTheFieldsThatFollowTheItems() {
        // given
        String body = "{\"items\":[" + BROKEN_ITEM + "],\"total\":\"41\",\"extra\":{\"a\":[1]}}";

        // when
        TaskPageResponse page = parse(body);

        // then
        assertThat(page.total()).isEqualTo(41);
        assertThat(UnparsedItem.of(page.items().get(0))).isNotNull();
    }

    @Test
    void shouldStillAnswerAnErrorObjectThatFollowsTheItems() {
        // given
        String body = "{\"items\":[" + BROKEN_ITEM + "],\"error\":{\"code\":\"InternalServiceError\",\"message\":\"x\"}}";

        // when / then
        assertThatThrownBy(() -> parse(body)).isInstanceOfSatisfying(ArkApiException.class, e -> {
            assertThat(e.errorCode()).isEqualTo("InternalServiceError");
            assertThat(e.retryable()).isTrue();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // cut short after the broken item, or inside it
            "{\"items\":[{\"id\":\"cgt-a\"}," + BROKEN_ITEM + ",{\"id\":\"cgt-c\"",
            "{\"items\":[{\"id\":\"cgt-a\"},{\"id\":\"cgt-b\",\"\\ud834\":1",
            "{\"items\":[" + BROKEN_ITEM + "]",
            "{\"items\":[" + BROKEN_ITEM + "],\"total\":",
            // garbage that is not an object among the items
            "{\"items\":[" + BROKEN_ITEM + ",<html>]}",
            "{\"items\":[{\"id\":\"cgt-a\"},tru,{\"id\":\"cgt-c\"}]}",
            // the array's structure broken: a missing comma, an empty element, brackets that do not match
            "{\"items\":[" + BROKEN_ITEM + " {\"id\":\"cgt-c\"}]}",
            "{\"items\":[" + BROKEN_ITEM + ",,{\"id\":\"cgt-c\"}]}",
            "{\"items\":[" + BROKEN_ITEM + ",{\"id\":\"cgt-c\"]]}",
            // one object that hides two
            "{\"items\":[{\"id\":\"cgt-a\"}}{\"id\":\"cgt-c\"}]}" })
    void shouldKeepAPageThatIsNotIntactAnErrorToRetry(String body) {
        // when / then
        assertThatThrownBy(() -> parse(body)).isInstanceOfSatisfying(ArkApiException.class, e -> {
            assertThat(e.getMessage()).contains("not a task page").contains("not valid JSON");
            assertThat(e.retryable()).isTrue();
        });
    }

    @Test
    void shouldReadAnIntactPageAsBefore() {
        // given
        String body = "{\"total\":2,\"items\":[{\"id\":\"cgt-a\",\"m\":\"\\ud800\"},{\"id\":\"cgt-b\"}]}";

        // when
        TaskPageResponse page = parse(body);

        // then
        assertThat(page.items()).extracting(item -> item.get("id").stringValue()).containsExactly("cgt-a", "cgt-b");
        assertThat(page.items()).noneMatch(item -> UnparsedItem.of(item) != null);
    }

    @Test
    void shouldDigestEachObjectItemFromItsOwnBytesAsReceived() {
        // given: multi-byte text, an escape, nesting and whitespace around the items; a non-object item
        String first = "{\"id\":\"cgt-a\",\"model\":\"视频\",\"c\":{\"u\":\"a\\\"b\"},\"n\":[1,2.50]}";
        String second = "{ \"id\" : \"cgt-b\" }";
        String body = "{\"total\":3,\"items\":[ " + first + " ,\n" + second + ",\"no task\"]}";

        // when
        TaskPageResponse page = parse(body);

        // then
        assertThat(page.itemDigests()).containsExactly(digest(first), digest(second), null);
    }

    @Test
    void shouldTellApartItemsWhoseBytesDifferAndNotThoseWhoseBytesAreEqual() {
        // given
        String item = "{\"id\":\"cgt-a\",\"status\":\"running\"}";

        // when
        TaskPageResponse page = parse("{\"items\":[" + item + "," + item + "," + item.replace("running", "queued")
                + "," + item.replace(",", ", ") + "],\"total\":4}");

        // then: the same bytes on another page of another request digest alike
        assertThat(page.itemDigests().get(0)).isEqualTo(page.itemDigests().get(1))
            .isEqualTo(parse("{\"total\":1,\"items\":[" + item + "]}").itemDigests().get(0));
        assertThat(java.util.List.of(page.itemDigests().get(0), page.itemDigests().get(2), page.itemDigests().get(3)))
            .as("another value, other whitespace").doesNotHaveDuplicates();
    }

    @Test
    void shouldDigestTheItemsOfABodyThatStartsWithAByteOrderMark() {
        // given
        String item = "{\"id\":\"cgt-a\",\"seed\":7}";
        byte[] text = ("{\"total\":1,\"items\":[" + item + "]}").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[text.length + 3];
        body[0] = (byte) 0xEF;
        body[1] = (byte) 0xBB;
        body[2] = (byte) 0xBF;
        System.arraycopy(text, 0, body, 3, text.length);

        // when
        TaskPageResponse page = parser.parse(body, "page 1");

        // then
        assertThat(page.itemDigests()).containsExactly(digest(item));
    }

    @Test
    void shouldDigestTheItemsOfAPageReadItemByItem() {
        // given
        String good = "{\"id\":\"cgt-a\",\"model\":\"视频\"}";

        // when
        TaskPageResponse page = parse("{\"items\":[" + good + ", " + BROKEN_ITEM + "],\"total\":2}");

        // then: the refused item has none (it becomes a reject)
        assertThat(page.itemDigests()).containsExactly(digest(good), null);
    }

    // ---- bounded memory ----

    /** Small limits, so that the bounds show on small bodies: 1000 bytes an item, 200 KB a page. */
    private final TaskPageParser bounded = new TaskPageParser(ArkJsonMapper.create(),
            new TaskPageParser.Limits(1000, 200_000), new KeyRedaction(KEY));

    private static final String KEY = "sk-parser-test-0123456789";

    @Test
    void shouldQuarantineAnItemOverTheLimitWithItsIdSizeAndStartAndReadTheRest() {
        // given: an item of about 50 KB between two small ones
        String huge = "{\"id\":\"cgt-huge\",\"revised_prompt\":\"" + "a".repeat(50_000) + "\"}";
        String small = "{\"id\":\"cgt-small\",\"status\":\"running\"}";
        String body = "{\"total\":3,\"items\":[" + small + "," + huge + "," + small.replace("small", "after") + "]}";

        // when
        TaskPageResponse page = bounded.parse(body.getBytes(StandardCharsets.UTF_8), "page 1");

        // then
        assertThat(page.items()).hasSize(3);
        assertThat(page.items().get(2).get("id").stringValue()).isEqualTo("cgt-after");
        assertThat(page.itemDigests().get(0)).isEqualTo(digest(small));
        UnparsedItem unparsed = UnparsedItem.of(page.items().get(1));
        assertThat(unparsed.taskId()).isEqualTo("cgt-huge");
        assertThat(unparsed.sizeBytes()).isEqualTo(huge.length());
        assertThat(unparsed.reason()).contains("more than ark.max-item-bytes (1000)");
        assertThat(unparsed.rawText()).startsWith("{\"id\":\"cgt-huge\"")
            .hasSize(TaskPageParser.REJECT_PREFIX_BYTES);
        assertThat(page.itemDigests().get(1)).isNull();
    }

    @Test
    void shouldQuarantineAHugeStringElementAndKeepNoMoreOfItThanItsStart() {
        // given: an element that is a bare string of 100 KB, then a task
        String body = "{\"total\":2,\"items\":[\"" + "b".repeat(100_000) + "\" , {\"id\":\"cgt-next\"}]}";

        // when
        TaskPageResponse page = bounded.parse(body.getBytes(StandardCharsets.UTF_8), "page 1");

        // then
        assertThat(UnparsedItem.of(page.items().get(0)).sizeBytes()).isEqualTo(100_002);
        assertThat(page.items().get(1).get("id").stringValue()).isEqualTo("cgt-next");
    }

    @Test
    void shouldMaskTheKeyInItemsAndInTheStartOfAnItemTooLarge() {
        // given
        String echo = "{\"id\":\"cgt-echo\",\"note\":\"Bearer " + KEY + "\"}";
        String huge = "{\"id\":\"cgt-huge\",\"note\":\"" + KEY + "\",\"p\":\"" + "a".repeat(5_000) + "\"}";

        // when
        TaskPageResponse page = bounded.parse(("{\"items\":[" + echo + "," + huge + "]}").getBytes(
                StandardCharsets.UTF_8), "page 1");

        // then
        assertThat(page.items().get(0).get("note").stringValue()).isEqualTo("Bearer ***");
        assertThat(page.itemDigests().get(0)).isEqualTo(digest(echo.replace(KEY, "***")));
        assertThat(UnparsedItem.of(page.items().get(1)).rawText()).doesNotContain(KEY).contains("***");
    }

    @Test
    void shouldHandOnTheItemsBeforeTheFaultOfAResponseLargerThanThePageBound() {
        // given: small items, then one element whose whitespace alone passes the page bound
        String body = "{\"total\":9,\"items\":[{\"id\":\"cgt-1\"},{\"id\":\"cgt-2\"},{\"id\":\"cgt-3\","
                + " ".repeat(300_000) + "\"x\":1}]}";

        // when / then
        assertThatThrownBy(() -> bounded.parse(body.getBytes(StandardCharsets.UTF_8), "page 1"))
            .isInstanceOfSatisfying(BrokenPageException.class, e -> {
                assertThat(e.brokenAt()).isEqualTo(2);
                assertThat(e.pageBefore().total()).isEqualTo(9);
                assertThat(e.pageBefore().items()).extracting(item -> item.get("id").stringValue())
                    .containsExactly("cgt-1", "cgt-2");
                assertThat(e.broken().taskId()).isEqualTo("cgt-3");
                assertThat(e.broken().reason()).contains("larger than ark.max-page-bytes");
                assertThat(e.retryable()).as("the same answer again").isFalse();
            });
    }

    @Test
    void shouldHandOnTheItemsBeforeAFaultThatBreaksTheArraysStructure() {
        // given: brackets that do not match in the second item
        String body = "{\"total\":3,\"items\":[{\"id\":\"cgt-1\"},{\"id\":\"cgt-2\",\"x\":[1}],{\"id\":\"cgt-3\"}]}";

        // when / then
        assertThatThrownBy(() -> parse(body)).isInstanceOfSatisfying(BrokenPageException.class, e -> {
            assertThat(e.brokenAt()).isEqualTo(1);
            assertThat(e.broken().taskId()).isEqualTo("cgt-2");
            assertThat(e.broken().rawText()).startsWith("{\"id\":\"cgt-2\"");
            assertThat(e.getMessage()).contains("not a task page").contains("not valid JSON").contains("in item 2");
        });
    }

    @Test
    void shouldReadAStreamThatArrivesAFewBytesAtATime() {
        // given
        String first = "{\"id\":\"cgt-a\",\"model\":\"视频\"}";
        String body = "\uFEFF{\"total\":2,\"items\":[" + first + ", " + BROKEN_ITEM + "]}";
        java.io.InputStream trickle = new java.io.FilterInputStream(
                new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
                return super.read(buffer, offset, Math.min(length, 3));
            }
        };

        // when
        TaskPageResponse page = parser.parse(trickle, "page 1");

        // then
        assertThat(page.itemDigests().get(0)).isEqualTo(digest(first));
        assertThat(UnparsedItem.of(page.items().get(1)).rawText()).isEqualTo(BROKEN_ITEM);
    }

    private static java.util.UUID digest(String item) {
        byte[] bytes = item.getBytes(StandardCharsets.UTF_8);
        return ReceivedDigest.of(bytes, 0, bytes.length);
    }

    private TaskPageResponse parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8), "page 1 of tier=default");
    }
}
