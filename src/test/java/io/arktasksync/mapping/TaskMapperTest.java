package io.arktasksync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import io.arktasksync.client.ArkJsonMapper;
import io.arktasksync.client.UnparsedItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class TaskMapperTest {

    private static final String SLICE = "tier=default";

    private static final int PAGE = 3;

    /** The application's mapper. */
    private final JsonMapper json = ArkJsonMapper.create();

    private final TaskMapper mapper = new TaskMapper(json);

    // ---------------------------------------------------------------- full items

    @Test
    void shouldMapEveryFieldOfAFullSucceededItem() {
        // given
        JsonNode item = fixture("succeeded-full.json");

        // when
        MappingResult.Mapped mapped = mapped(item, "default");

        // then
        TaskRow task = mapped.task();
        assertThat(task.id()).isEqualTo("cgt-20250331175019-k7x2p");
        assertThat(task.model()).isEqualTo("doubao-seedance-1-0-pro-250528");
        assertThat(task.status()).isEqualTo("succeeded");
        assertThat(task.serviceTier()).as("the item's own tier wins over the listed one").isEqualTo("flex");
        assertThat(task.videoUrl()).isEqualTo("https://ark-content-generation.tos-cn-beijing.volces.com/"
                + "cgt-20250331175019-k7x2p/video.mp4?X-Tos-Algorithm=TOS4-HMAC-SHA256&X-Tos-Expires=86400");
        assertThat(task.lastFrameUrl()).endsWith("/last_frame.png");
        assertThat(task.fileUrl()).endsWith("/file.zip");
        assertThat(task.errorCode()).isNull();
        assertThat(task.errorMessage()).isNull();
        assertThat(task.resolution()).isEqualTo("720p");
        assertThat(task.ratio()).isEqualTo("16:9");
        assertThat(task.duration()).isEqualTo(5);
        assertThat(task.frames()).isNull();
        assertThat(task.fps()).isEqualTo(24);
        assertThat(task.seed()).isEqualTo(10L);
        assertThat(task.createdAt()).isEqualTo(1_743_414_619L);
        assertThat(task.updatedAt()).isEqualTo(1_743_414_673L);
        assertThat(json.readTree(task.rawJson())).isEqualTo(item);
        assertThat(mapped.usage()).isEqualTo(new UsageRow("cgt-20250331175019-k7x2p", 108_900L, 108_900L, null));
    }

    // ---------------------------------------------------------------- attribution (issue 22)

    @Test
    void shouldReadTheFieldsCostIsChargedBackBy() {
        // when
        TaskRow task = mapped("""
                {"id":"cgt-a","status":"succeeded","safety_identifier":"user-42","priority":7,"draft":true,
                 "generate_audio":"false","tools":[{"type":"web_search"},{"no":"type"},"x",{"type":"image_process"}]}
                """).task();

        // then
        assertThat(task.attribution()).isEqualTo(new Attribution("user-42", "7", true, false,
                java.util.List.of("web_search", "image_process")));
    }

    @Test
    void shouldLeaveAnAttributionOfAnotherShapeInRawInsteadOfRejectingTheTask() {
        // when
        MappingResult result = map("""
                {"id":"cgt-b","status":"succeeded","safety_identifier":{"user":"x"},"priority":[1],"draft":"maybe",
                 "generate_audio":1,"tools":{"type":"web_search"}}""");

        // then
        assertThat(result).isInstanceOf(MappingResult.Mapped.class);
        assertThat(((MappingResult.Mapped) result).task().attribution())
            .isEqualTo(new Attribution(null, null, null, null, null));
    }

    @Test
    void shouldReadAnEmptySafetyIdentifierAsNoneAndAnEmptyToolsListAsNoTool() {
        // when
        Attribution attribution = mapped("""
                {"id":"cgt-c","status":"queued","safety_identifier":"","tools":[]}""").task().attribution();

        // then
        assertThat(attribution).isEqualTo(new Attribution(null, null, null, null, java.util.List.of()));
    }

    @Test
    void shouldMapFailedItemWithFailureReasonAndFrames() {
        // given
        JsonNode item = fixture("failed-with-failure-reason.json");

        // when
        MappingResult.Mapped mapped = mapped(item, "default");

        // then
        TaskRow task = mapped.task();
        assertThat(task.status()).isEqualTo("failed");
        assertThat(task.errorCode()).isEqualTo("OutputVideoSensitiveContentDetected");
        assertThat(task.errorMessage()).startsWith("The request failed because the output video");
        assertThat(task.frames()).isEqualTo(121);
        assertThat(task.duration()).isNull();
        assertThat(task.videoUrl()).isNull();
        assertThat(task.lastFrameUrl()).isNull();
        assertThat(task.fileUrl()).isNull();
        assertThat(mapped.usage()).isNull();
    }

    @Test
    void shouldKeepUnknownFieldsInRaw() {
        // given
        JsonNode item = fixture("unknown-fields.json");

        // when
        MappingResult.Mapped mapped = mapped(item, "default");

        // then every field, unknown and nested ones included, survives in raw
        JsonNode raw = json.readTree(mapped.task().rawJson());
        assertThat(raw).isEqualTo(item);
        assertThat(raw.at("/content/thumbnail/sizes/2/hd").booleanValue()).isTrue();
        assertThat(raw.at("/usage/prompt_tokens_details/cached_tokens").intValue()).isEqualTo(17);
        assertThat(raw.has("future_flag")).isTrue();
        assertThat(raw.get("labels").toString()).contains("中文").contains("😀");
        // and numbers keep the digits that were sent, not a double's rounding
        assertThat(mapped.task().rawJson())
            .contains("0.000012345678901234567890123")
            .contains("123456789012345678901234567890");
        assertThat(mapped.task().videoUrl()).isEqualTo("https://example.test/v.mp4");
    }

    @Test
    void shouldKeepToolUsageAsJson() {
        // given
        JsonNode item = fixture("unknown-fields.json");

        // when
        UsageRow usage = mapped(item, "default").usage();

        // then
        assertThat(usage.completionTokens()).isEqualTo(246_000L);
        assertThat(usage.totalTokens()).isEqualTo(250_000L);
        assertThat(json.readTree(usage.toolUsageJson())).isEqualTo(item.at("/usage/tool_usage"));
    }

    @Test
    void shouldMapUsageWithOnlyToolUsage() {
        // when
        UsageRow usage = mapped("{\"id\":\"cgt-1\",\"usage\":{\"tool_usage\":{\"web_search\":1}}}").usage();

        // then
        assertThat(usage).isEqualTo(new UsageRow("cgt-1", null, null, "{\"web_search\":1}"));
    }

    // ---------------------------------------------------------------- lenient where the API varies

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":\"cgt-1\",\"status\":\"queued\"}",
        "{\"id\":\"cgt-1\",\"status\":\"queued\",\"content\":{}}",
        "{\"id\":\"cgt-1\",\"status\":\"queued\",\"content\":null}",
        "{\"id\":\"cgt-1\",\"status\":\"failed\",\"content\":{\"video_url\":\"\",\"last_frame_url\":\"\",\"file_url\":\"\"}}",
        "{\"id\":\"cgt-1\",\"status\":\"failed\",\"content\":{\"video_url\":null}}"
    })
    void shouldMapMissingOrEmptyContentToNullUrls(String itemJson) {
        // when
        TaskRow task = mapped(itemJson).task();

        // then
        assertThat(task.videoUrl()).isNull();
        assertThat(task.lastFrameUrl()).isNull();
        assertThat(task.fileUrl()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":\"cgt-1\",\"status\":\"running\"}",
        "{\"id\":\"cgt-1\",\"status\":\"running\",\"usage\":{}}",
        "{\"id\":\"cgt-1\",\"status\":\"running\",\"usage\":null}"
    })
    void shouldMapAbsentOrEmptyUsageToNoUsageRow(String itemJson) {
        // when
        MappingResult.Mapped mapped = mapped(itemJson);

        // then
        assertThat(mapped.usage()).isNull();
        assertThat(mapped.task().id()).isEqualTo("cgt-1");
    }

    @Test
    void shouldReadErrorObject() {
        // when
        TaskRow task = mapped("{\"id\":\"cgt-1\",\"status\":\"failed\","
                + "\"error\":{\"code\":\"InternalServiceError\",\"message\":\"boom\"}}").task();

        // then
        assertThat(task.errorCode()).isEqualTo("InternalServiceError");
        assertThat(task.errorMessage()).isEqualTo("boom");
    }

    @Test
    void shouldReadFailureReasonWhenErrorIsNullOrEmpty() {
        // when
        TaskRow withNull = mapped("{\"id\":\"cgt-1\",\"error\":null,"
                + "\"failure_reason\":{\"code\":\"C\",\"message\":\"M\"}}").task();
        TaskRow withEmpty = mapped("{\"id\":\"cgt-1\",\"error\":{},"
                + "\"failure_reason\":{\"code\":\"C\",\"message\":\"M\"}}").task();

        // then
        assertThat(withNull.errorCode()).isEqualTo("C");
        assertThat(withNull.errorMessage()).isEqualTo("M");
        assertThat(withEmpty.errorCode()).isEqualTo("C");
        assertThat(withEmpty.errorMessage()).isEqualTo("M");
    }

    @Test
    void shouldMapErrorNullToNoError() {
        // when
        TaskRow task = mapped("{\"id\":\"cgt-1\",\"status\":\"succeeded\",\"error\":null}").task();

        // then
        assertThat(task.errorCode()).isNull();
        assertThat(task.errorMessage()).isNull();
    }

    @Test
    void shouldReadErrorGivenAsBareString() {
        // when
        TaskRow task = mapped("{\"id\":\"cgt-1\",\"status\":\"failed\",\"error\":\"quota exhausted\"}").task();
        TaskRow emptyText = mapped("{\"id\":\"cgt-1\",\"status\":\"failed\",\"failure_reason\":\"\"}").task();

        // then
        assertThat(task.errorCode()).isNull();
        assertThat(task.errorMessage()).isEqualTo("quota exhausted");
        assertThat(emptyText.errorMessage()).isNull();
    }

    @Test
    void shouldMapEmptyErrorCodeAndMessageToNull() {
        // when
        TaskRow task = mapped("{\"id\":\"cgt-1\",\"error\":{\"code\":\"\",\"message\":\"\"}}").task();

        // then
        assertThat(task.errorCode()).isNull();
        assertThat(task.errorMessage()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":\"cgt-1\"}",
        "{\"id\":\"cgt-1\",\"service_tier\":null}"
    })
    void shouldUseListedTierWhenItemHasNone(String itemJson) {
        // when
        TaskRow task = mapped(json.readTree(itemJson), "flex").task();

        // then
        assertThat(task.serviceTier()).isEqualTo("flex");
    }

    @Test
    void shouldAcceptNumericStringsAndWholeDecimalsForIntegers() {
        // given
        String item = "{\"id\":\"cgt-1\",\"duration\":\"5\",\"framespersecond\":24.0,\"frames\":\" 121 \","
                + "\"seed\":\"-7\",\"created_at\":\"1743414619\",\"updated_at\":1743414673.000,"
                + "\"usage\":{\"completion_tokens\":\"108900\",\"total_tokens\":1.089E+5}}";

        // when
        MappingResult.Mapped mapped = mapped(item);

        // then
        TaskRow task = mapped.task();
        assertThat(task.duration()).isEqualTo(5);
        assertThat(task.fps()).isEqualTo(24);
        assertThat(task.frames()).isEqualTo(121);
        assertThat(task.seed()).isEqualTo(-7L);
        assertThat(task.createdAt()).isEqualTo(1_743_414_619L);
        assertThat(task.updatedAt()).isEqualTo(1_743_414_673L);
        assertThat(mapped.usage().completionTokens()).isEqualTo(108_900L);
        assertThat(mapped.usage().totalTokens()).isEqualTo(108_900L);
    }

    @Test
    void shouldAcceptFiveDotZeroAsDuration() {
        // when
        TaskRow task = mapped("{\"id\":\"cgt-1\",\"duration\":5.0}").task();

        // then
        assertThat(task.duration()).isEqualTo(5);
    }

    @Test
    void shouldAcceptNumbersWhereTextIsExpected() {
        // when
        TaskRow task = mapped("{\"id\":12345,\"model\":7,\"status\":true,\"resolution\":1080}").task();

        // then
        assertThat(task.id()).isEqualTo("12345");
        assertThat(task.model()).isEqualTo("7");
        assertThat(task.status()).isEqualTo("true");
        assertThat(task.resolution()).isEqualTo("1080");
    }

    @Test
    void shouldConvertIso8601Timestamps() {
        // when
        TaskRow task = mapped("{\"id\":\"cgt-1\",\"created_at\":\"2025-03-31T09:50:19Z\","
                + "\"updated_at\":\"2025-03-31T17:51:13+08:00\"}").task();

        // then
        assertThat(task.createdAt()).isEqualTo(1_743_414_619L);
        assertThat(task.updatedAt()).isEqualTo(1_743_414_673L);
    }

    @Test
    void shouldMapAHugeFieldFine() {
        // given a 1 MB revised_prompt
        String prompt = "a cat on a beach, ".repeat(1024 * 1024 / 18 + 1);
        ObjectNode item = json.createObjectNode();
        item.put("id", "cgt-huge");
        item.put("status", "succeeded");
        item.put("revised_prompt", prompt);

        // when
        MappingResult.Mapped mapped = mapped(item, "default");

        // then
        assertThat(prompt.length()).isGreaterThanOrEqualTo(1024 * 1024);
        assertThat(mapped.task().rawJson().length()).isGreaterThan(1024 * 1024);
        assertThat(json.readTree(mapped.task().rawJson()).get("revised_prompt").stringValue()).isEqualTo(prompt);
    }

    @Test
    void shouldAcceptIdOfExactlyTheMaximumLength() {
        // given
        String id = "c".repeat(TaskMapper.MAX_ID_LENGTH);

        // when
        TaskRow task = mapped("{\"id\":\"" + id + "\"}").task();

        // then
        assertThat(task.id()).isEqualTo(id);
    }

    @Test
    void shouldAcceptPairedSurrogatesAndOtherUnicode() {
        // when
        TaskRow task = mapped("{\"id\":\"cgt-1\",\"model\":\"\\ud83d\\ude00 模型\",\"\\ud83d\\ude00\":\"é\"}").task();

        // then
        assertThat(task.model()).isEqualTo("😀 模型");
        assertThat(json.readTree(task.rawJson()).get("😀").stringValue()).isEqualTo("é");
    }

    // ---------------------------------------------------------------- rejects

    @ParameterizedTest
    @ValueSource(strings = { "42", "\"cgt-1\"", "[{\"id\":\"cgt-1\"}]", "null", "true", "3.5" })
    void shouldRejectAnItemThatIsNotAnObject(String itemJson) {
        // when
        MappingResult.Rejected rejected = rejected(itemJson);

        // then
        assertThat(rejected.reason()).contains("not a JSON object");
        assertThat(rejected.taskId()).isNull();
        assertThat(rejected.rawText()).isEqualTo(itemJson);
        assertThat(rejected.slice()).isEqualTo(SLICE);
        assertThat(rejected.pageNum()).isEqualTo(PAGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"model\":\"m\",\"status\":\"succeeded\"}",
        "{\"id\":null}",
        "{\"id\":\"\"}",
        "{\"id\":\"   \"}",
        "{\"id\":\"\\t\\n\"}"
    })
    void shouldRejectAnItemWithoutUsableId(String itemJson) {
        // when
        MappingResult.Rejected rejected = rejected(itemJson);

        // then
        assertThat(rejected.reason()).contains("no id");
        assertThat(rejected.taskId()).isNull();
        assertThat(json.readTree(rejected.rawText())).isEqualTo(json.readTree(itemJson));
    }

    @Test
    void shouldRejectAnIdThatIsTooLong() {
        // given
        String id = "c".repeat(TaskMapper.MAX_ID_LENGTH + 1);

        // when
        MappingResult.Rejected rejected = rejected("{\"id\":\"" + id + "\"}");

        // then
        assertThat(rejected.reason()).contains("'id'").contains(String.valueOf(TaskMapper.MAX_ID_LENGTH));
        assertThat(rejected.taskId()).isNull();
    }

    @Test
    void shouldRejectAnIdThatIsNotText() {
        // when
        MappingResult.Rejected rejected = rejected("{\"id\":[1]}");

        // then
        assertThat(rejected.reason()).contains("'id'").contains("array");
    }

    @ParameterizedTest(name = "{0} -> names {1}")
    @MethodSource("wrongTypes")
    void shouldRejectAFieldOfTheWrongTypeNamingIt(String itemJson, String field) {
        // when
        MappingResult.Rejected rejected = rejected(itemJson);

        // then
        assertThat(rejected.reason()).contains(field);
        assertThat(rejected.taskId()).isEqualTo("cgt-1");
        assertThat(json.readTree(rejected.rawText())).isEqualTo(json.readTree(itemJson));
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("{\"id\":\"cgt-1\",\"created_at\":\"yesterday\"}", "created_at"),
                Arguments.of("{\"id\":\"cgt-1\",\"updated_at\":true}", "updated_at"),
                Arguments.of("{\"id\":\"cgt-1\",\"duration\":{}}", "duration"),
                Arguments.of("{\"id\":\"cgt-1\",\"duration\":5.5}", "duration"),
                Arguments.of("{\"id\":\"cgt-1\",\"duration\":\"5s\"}", "duration"),
                Arguments.of("{\"id\":\"cgt-1\",\"duration\":3000000000}", "duration"),
                Arguments.of("{\"id\":\"cgt-1\",\"framespersecond\":[24]}", "framespersecond"),
                Arguments.of("{\"id\":\"cgt-1\",\"seed\":1e400}", "seed"),
                Arguments.of("{\"id\":\"cgt-1\",\"content\":[\"https://example.test/v.mp4\"]}", "content"),
                Arguments.of("{\"id\":\"cgt-1\",\"content\":\"https://example.test/v.mp4\"}", "content"),
                Arguments.of("{\"id\":\"cgt-1\",\"content\":{\"video_url\":{\"href\":\"x\"}}}", "video_url"),
                Arguments.of("{\"id\":\"cgt-1\",\"usage\":\"108900\"}", "usage"),
                Arguments.of("{\"id\":\"cgt-1\",\"usage\":[1,2]}", "usage"),
                Arguments.of("{\"id\":\"cgt-1\",\"usage\":{\"total_tokens\":\"many\"}}", "total_tokens"),
                Arguments.of("{\"id\":\"cgt-1\",\"status\":{\"name\":\"failed\"}}", "status"),
                Arguments.of("{\"id\":\"cgt-1\",\"model\":[\"a\"]}", "model"),
                Arguments.of("{\"id\":\"cgt-1\",\"error\":42}", "error"),
                Arguments.of("{\"id\":\"cgt-1\",\"error\":{\"code\":{\"x\":1}}}", "code"),
                Arguments.of("{\"id\":\"cgt-1\",\"created_at\":-1}", "created_at"),
                Arguments.of("{\"id\":\"cgt-1\",\"created_at\":9999999999999}", "created_at"),
                Arguments.of("{\"id\":\"cgt-1\",\"created_at\":\"2025-13-45T00:00:00Z\"}", "created_at"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":\"cgt-1\",\"usage\":{\"completion_tokens\":-1,\"total_tokens\":5}}",
        "{\"id\":\"cgt-1\",\"usage\":{\"completion_tokens\":5,\"total_tokens\":\"-5\"}}"
    })
    void shouldRejectNegativeTokens(String itemJson) {
        // when
        MappingResult.Rejected rejected = rejected(itemJson);

        // then
        assertThat(rejected.reason()).containsPattern("(completion|total)_tokens").contains("usage");
        assertThat(rejected.taskId()).isEqualTo("cgt-1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nulInValues")
    void shouldRejectNulInAValueAtAnyDepth(String itemJson, String field) {
        // when
        MappingResult.Rejected rejected = rejected(itemJson);

        // then
        assertThat(rejected.reason()).contains("NUL").contains(field);
        assertThat(rejected.taskId()).isEqualTo("cgt-1");
        assertThat(rejected.rawText()).contains("\\u0000").doesNotContain("\u0000");
        assertThat(json.readTree(rejected.rawText())).isEqualTo(json.readTree(itemJson));
    }

    static Stream<Arguments> nulInValues() {
        return Stream.of(
                Arguments.of("{\"id\":\"cgt-1\",\"model\":\"a\\u0000b\"}", "model"),
                Arguments.of("{\"id\":\"cgt-1\",\"revised_prompt\":\"\\u0000\"}", "revised_prompt"),
                Arguments.of("{\"id\":\"cgt-1\",\"content\":{\"video_url\":\"https://x/\\u0000\"}}", "video_url"),
                Arguments.of("{\"id\":\"cgt-1\",\"unknown\":{\"deeper\":{\"deepest\":\"x\\u0000\"}}}", "deepest"),
                Arguments.of("{\"id\":\"cgt-1\",\"tools\":[{\"type\":\"web\"},{\"name\":\"\\u0000\"}]}", "name"),
                Arguments.of("{\"id\":\"cgt-1\",\"labels\":[\"ok\",\"bad\\u0000\"]}", "labels"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":\"cgt-1\",\"bad\\u0000key\":1}",
        "{\"id\":\"cgt-1\",\"usage\":{\"tool_usage\":{\"\\u0000\":1}}}",
        "{\"id\":\"cgt-1\",\"tools\":[[{\"k\\u0000\":\"v\"}]]}"
    })
    void shouldRejectNulInAFieldNameAtAnyDepth(String itemJson) {
        // when
        MappingResult.Rejected rejected = rejected(itemJson);

        // then
        assertThat(rejected.reason()).contains("field name").contains("NUL");
        assertThat(rejected.rawText()).contains("\\u0000").doesNotContain("\u0000");
        assertThat(json.readTree(rejected.rawText())).isEqualTo(json.readTree(itemJson));
    }

    @Test
    void shouldKeepRejectReasonStorableWhenAFieldNameContainsNul() {
        // when
        MappingResult.Rejected rejected = rejected("{\"id\":\"cgt-1\",\"bad\\u0000key\":1}");

        // then
        assertThat(rejected.reason()).contains("NUL").doesNotContain("\u0000");
    }

    @Test
    void shouldKeepRejectTaskIdStorableWhenTheIdContainsNul() {
        // when
        MappingResult.Rejected rejected = rejected("{\"id\":\"cgt-\\u0000-1\"}");

        // then
        assertThat(rejected.reason()).contains("NUL");
        assertThat(rejected.taskId()).satisfiesAnyOf(
                id -> assertThat(id).isNull(),
                id -> assertThat(id).doesNotContain("\u0000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":\"cgt-1\",\"model\":\"\\ud800\"}",
        "{\"id\":\"cgt-1\",\"model\":\"x\\udc00y\"}",
        "{\"id\":\"cgt-1\",\"content\":{\"video_url\":\"\\ud83d\"}}",
        "{\"id\":\"cgt-1\",\"tools\":[\"\\ude00\\ud83d\"]}",
        "{\"id\":\"cgt-1\",\"\\ud800\":1}"
    })
    void shouldRejectAnUnpairedSurrogate(String itemJson) {
        // when
        MappingResult.Rejected rejected = rejected(itemJson);

        // then
        assertThat(rejected.reason()).contains("surrogate");
        assertThat(rejected.taskId()).isEqualTo("cgt-1");
        assertThat(rejected.rawText()).isNotBlank();
    }

    @Test
    void shouldEscapeAnUnpairedSurrogateInRejectRawText() {
        // when
        MappingResult.Rejected rejected = rejected("{\"id\":\"cgt-1\",\"model\":\"a\\ud800b\"}");

        // then
        assertThat(rejected.rawText()).containsIgnoringCase("\\ud800").doesNotContain("\ud800");
    }

    @Test
    void shouldRejectIsoTimestampOutsideTheStorableRange() {
        // when
        MappingResult result = map("{\"id\":\"cgt-1\",\"created_at\":\"+300000-01-01T00:00:00Z\"}");
        MappingResult early = map("{\"id\":\"cgt-1\",\"updated_at\":\"-5000-01-01T00:00:00Z\"}");

        // then
        assertThat(result).isInstanceOfSatisfying(MappingResult.Rejected.class,
                rejected -> assertThat(rejected.reason()).contains("created_at"));
        assertThat(early).isInstanceOfSatisfying(MappingResult.Rejected.class,
                rejected -> assertThat(rejected.reason()).contains("updated_at"));
    }

    @Test
    void shouldRejectWithTheItemAsRawTextAndWhereItCameFrom() {
        // given
        String itemJson = "{\"id\":\"cgt-1\",\"created_at\":\"yesterday\",\"extra\":{\"a\":[1,2.50,null]}}";

        // when
        MappingResult.Rejected rejected = rejected(itemJson);

        // then
        assertThat(rejected.rawText()).isEqualTo(itemJson);
        assertThat(rejected.slice()).isEqualTo(SLICE);
        assertThat(rejected.pageNum()).isEqualTo(PAGE);
    }

    @Test
    void shouldRejectAnItemTheParserRefusedWithItsTextAsReceived() {
        // given: an item whose field name holds a lone surrogate escape, and a NUL PostgreSQL cannot store
        String raw = "{\"id\":\"cgt-1\",\"\\ud834\":1,\"x\":\"\u0000\"}";
        JsonNode item = new UnparsedItem(raw, "the item is not valid JSON (Broken surrogate pair)", "cgt-1").asNode();

        // when
        MappingResult result = map(item, "default");

        // then
        assertThat(result).isInstanceOfSatisfying(MappingResult.Rejected.class, rejected -> {
            assertThat(rejected.taskId()).isEqualTo("cgt-1");
            assertThat(rejected.reason()).isEqualTo("the item is not valid JSON (Broken surrogate pair)");
            assertThat(rejected.rawText()).isEqualTo("{\"id\":\"cgt-1\",\"\\ud834\":1,\"x\":\"\\u0000\"}");
            assertThat(rejected.slice()).isEqualTo(SLICE);
            assertThat(rejected.pageNum()).isEqualTo(PAGE);
        });
    }

    // ---------------------------------------------------------------- never throws

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("oddPayloads")
    void shouldMapOrRejectOddPayloadsWithoutThrowing(String itemJson) {
        // given
        JsonNode item = json.readTree(itemJson);

        // when
        MappingResult[] result = new MappingResult[1];
        assertThatCode(() -> result[0] = mapper.map(new RawTaskItem(item, SLICE, "default", PAGE)))
            .doesNotThrowAnyException();

        // then
        assertThat(result[0]).isNotNull();
        if (result[0] instanceof MappingResult.Rejected rejected) {
            assertThat(rejected.reason()).isNotBlank();
            assertThat(rejected.rawText()).isNotBlank();
            assertThat(rejected.slice()).isEqualTo(SLICE);
            assertThat(rejected.pageNum()).isEqualTo(PAGE);
        }
        else if (result[0] instanceof MappingResult.Mapped mapped) {
            assertThat(mapped.task().id()).isNotBlank();
            assertThat(mapped.task().rawJson()).isNotBlank();
            assertThat(mapped.task().rawJson()).doesNotContain("\u0000");
            if (mapped.usage() != null) {
                assertThat(mapped.usage().taskId()).isEqualTo(mapped.task().id());
            }
        }
    }

    static Stream<String> oddPayloads() {
        String deep = "[".repeat(200) + "]".repeat(200);
        return Stream.of(
                "{}", "[]", "null", "true", "0", "-0.0", "\"\"", "\"{}\"", "1e400",
                "{\"id\":null,\"model\":null,\"status\":null,\"usage\":null,\"content\":null,\"error\":null}",
                "{\"id\":123}", "{\"id\":true}", "{\"id\":1.5}", "{\"id\":{}}", "{\"id\":\"x\",\"id2\":\"y\"}",
                "{\"id\":\"\\ud83d\\ude00\"}", "{\"id\":\"x\",\"\":\"empty key\"}",
                "{\"id\":\"x\",\"created_at\":\"\"}", "{\"id\":\"x\",\"created_at\":\"  \"}",
                "{\"id\":\"x\",\"created_at\":\" 1743414619 \"}", "{\"id\":\"x\",\"created_at\":1e30}",
                "{\"id\":\"x\",\"created_at\":99999999999999999999999}", "{\"id\":\"x\",\"created_at\":\"-5\"}",
                "{\"id\":\"x\",\"created_at\":\"2025-03-31\"}", "{\"id\":\"x\",\"created_at\":1743414619.5}",
                "{\"id\":\"x\",\"duration\":-0.0}", "{\"id\":\"x\",\"duration\":1E+2}",
                "{\"id\":\"x\",\"duration\":\"0x10\"}", "{\"id\":\"x\",\"duration\":\"\\u0661\\u0662\"}",
                "{\"id\":\"x\",\"duration\":\"99999999999999999999\"}", "{\"id\":\"x\",\"duration\":-5}",
                "{\"id\":\"x\",\"seed\":-9223372036854775808}", "{\"id\":\"x\",\"seed\":9223372036854775808}",
                "{\"id\":\"x\",\"usage\":[]}", "{\"id\":\"x\",\"usage\":{\"total_tokens\":\"many\"}}",
                "{\"id\":\"x\",\"usage\":{\"tool_usage\":null}}", "{\"id\":\"x\",\"usage\":{\"tool_usage\":\"n/a\"}}",
                "{\"id\":\"x\",\"usage\":{\"completion_tokens\":1e3,\"total_tokens\":0.0}}",
                "{\"id\":\"x\",\"error\":42}", "{\"id\":\"x\",\"error\":[]}", "{\"id\":\"x\",\"error\":false}",
                "{\"id\":\"x\",\"error\":{\"code\":{}}}", "{\"id\":\"x\",\"error\":{\"message\":[\"a\"]}}",
                "{\"id\":\"x\",\"failure_reason\":\"\"}", "{\"id\":\"x\",\"failure_reason\":7}",
                "{\"id\":\"x\",\"content\":{\"video_url\":[\"a\"]}}", "{\"id\":\"x\",\"content\":true}",
                "{\"id\":\"x\",\"status\":{\"a\":1}}", "{\"id\":\"x\",\"model\":\"\"}",
                "{\"id\":\"x\",\"service_tier\":7}", "{\"id\":\"x\",\"service_tier\":[]}",
                "{\"id\":\"x\",\"nested\":" + deep + "}",
                "{\"id\":\"x\",\"a\":\"\\udc00\"}", "{\"id\":\"x\",\"\\u0000\":\"\\u0000\"}",
                "{\"id\":\"\\u0000\"}", "{\"id\":\"\\ud800\"}", "{\"id\":\"x\\ny\"}",
                "[{\"id\":\"x\"}]", "[null]", "\"\\u0000\"", "\"\\ud800\"");
    }

    // ---------------------------------------------------------------- helpers

    private MappingResult map(String itemJson) {
        return map(json.readTree(itemJson), "default");
    }

    private MappingResult map(JsonNode item, String listedTier) {
        return mapper.map(new RawTaskItem(item, SLICE, listedTier, PAGE));
    }

    private MappingResult.Mapped mapped(String itemJson) {
        return mapped(json.readTree(itemJson), "default");
    }

    private MappingResult.Mapped mapped(JsonNode item, String listedTier) {
        MappingResult result = map(item, listedTier);
        if (result instanceof MappingResult.Rejected rejected) {
            fail("expected the item to map, but it was rejected: " + rejected.reason());
        }
        return (MappingResult.Mapped) result;
    }

    private MappingResult.Rejected rejected(String itemJson) {
        MappingResult result = map(itemJson);
        if (result instanceof MappingResult.Mapped mapped) {
            fail("expected a reject, but the item mapped to " + mapped.task());
        }
        return (MappingResult.Rejected) result;
    }

    private JsonNode fixture(String name) {
        try (InputStream in = TaskMapperTest.class.getResourceAsStream("/fixtures/mapping/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return json.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
