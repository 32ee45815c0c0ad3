package io.arktasksync.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonArraySplitterTest {

    @Test
    void shouldSplitAnArrayIntoItsElementsWithoutTheWhitespaceAroundThem() {
        // given
        String json = "{\"items\": [ {\"id\":\"a\"} ,\n\t{\"id\":\"b\"}\r\n, 42,\"s\" , null ], \"total\": 4}";

        // when
        List<String> elements = elementsOf(json);

        // then
        assertThat(elements).containsExactly("{\"id\":\"a\"}", "{\"id\":\"b\"}", "42", "\"s\"", "null");
    }

    @Test
    void shouldEndAtTheArraysOwnClosingBracket() {
        // given
        String json = "{\"items\":[{\"a\":[1,2]},[3]],\"total\":2}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);

        // when
        JsonArraySplitter.Split split = JsonArraySplitter.split(body, json.indexOf('[')).orElseThrow();

        // then
        assertThat(split.end()).isEqualTo(json.indexOf(",\"total\"") - 1);
        assertThat(body[split.end()]).isEqualTo((byte) ']');
    }

    @Test
    void shouldFindNoElementInAnEmptyArray() {
        assertThat(elementsOf("[]")).isEmpty();
        assertThat(elementsOf("[ \n ]")).isEmpty();
    }

    @Test
    void shouldKeepNestedObjectsAndArraysInOneElement() {
        // given
        String json = "[{\"content\":{\"video_url\":\"u\",\"x\":[{\"a\":{}},[]]},\"usage\":{}},{\"id\":\"b\"}]";

        // when / then
        assertThat(elementsOf(json)).containsExactly(
                "{\"content\":{\"video_url\":\"u\",\"x\":[{\"a\":{}},[]]},\"usage\":{}}", "{\"id\":\"b\"}");
    }

    @Test
    void shouldIgnoreBracketsCommasAndQuotesInsideStrings() {
        // given: structure characters, escaped quotes and escaped backslashes inside strings
        String first = "{\"m\":\"a ] } , [ { b\",\"q\":\"say \\\"hi\\\", ]\",\"bs\":\"c:\\\\\",\"k]\":1}";
        String second = "{\"u\":\"\\u005d\\\\\\\"\"}";

        // when / then
        assertThat(elementsOf("[" + first + "," + second + "]")).containsExactly(first, second);
    }

    @Test
    void shouldSplitMultiByteUtf8TextWithoutMistakingItsBytesForStructure() {
        // given: CJK, an emoji (4 bytes), and characters whose UTF-8 bytes include 0x5B..0x7D when masked
        String first = "{\"model\":\"视频-🎬\",\"ratio\":\"ϛ݋ힻ\"}";
        String second = "{\"id\":\"é\"}";

        // when / then
        assertThat(elementsOf("[" + first + ",  " + second + "]")).containsExactly(first, second);
    }

    @Test
    void shouldLeaveWhatIsInsideAnElementToTheParser() {
        // given: an element the parser refuses (a lone surrogate escape in a name), in an intact array
        String broken = "{\"id\":\"cgt-1\",\"\\ud834\":1}";

        // when / then
        assertThat(elementsOf("[{\"id\":\"cgt-0\"}," + broken + "]")).containsExactly("{\"id\":\"cgt-0\"}", broken);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // cut short
            "[{\"id\":\"a\"},{\"id\":\"b\"", "[{\"id\":\"a\"},", "[{\"id\":\"a\"}", "[", "[{\"id\":\"a\\",
            "[{\"id\":\"a\"},{\"m\":\"open string]",
            // an element missing
            "[,{\"id\":\"a\"}]", "[{\"id\":\"a\"},,{\"id\":\"b\"}]", "[{\"id\":\"a\"},]", "[ , ]",
            // two values without a comma
            "[{\"id\":\"a\"} {\"id\":\"b\"}]", "[{\"id\":\"a\"}{\"id\":\"b\"}]", "[1 2]", "[\"a\" \"b\"]", "[1\"a\"]",
            "[{\"id\":\"a\"}x]",
            // brackets that do not match
            "[{\"id\":\"a\"]]", "[{\"a\":[1}]", "[}]", "[{\"id\":\"a\"}}]" })
    void shouldFindTheStructureBrokenWhenTheArrayIsNotIntact(String json) {
        // when
        Optional<JsonArraySplitter.Split> split = split(json);

        // then
        assertThat(split).as(json).isEmpty();
    }

    @Test
    void shouldRefuseAStartThatIsNotAnArray() {
        byte[] body = "{\"items\":{}}".getBytes(StandardCharsets.UTF_8);

        assertThat(JsonArraySplitter.split(body, 0)).isEmpty();
        assertThat(JsonArraySplitter.split(body, body.length)).isEmpty();
    }

    @Test
    void shouldTellObjectElementsFromOthers() {
        // given
        String json = "[{\"id\":\"a\"},[1],\"{x}\",1]";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);

        // when
        List<JsonArraySplitter.Element> elements = JsonArraySplitter.split(body, 0).orElseThrow().elements();

        // then
        assertThat(elements).extracting(element -> element.isObject(body)).containsExactly(true, false, false, false);
    }

    private static Optional<JsonArraySplitter.Split> split(String json) {
        return JsonArraySplitter.split(json.getBytes(StandardCharsets.UTF_8), json.indexOf('['));
    }

    private static List<String> elementsOf(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return JsonArraySplitter.split(body, json.indexOf('[')).orElseThrow().elements().stream()
            .map(element -> new String(body, element.start(), element.length(), StandardCharsets.UTF_8))
            .toList();
    }
}
