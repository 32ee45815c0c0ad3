package io.arktasksync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** Two copies of one task in one chunk, merged by the stored merge's rule (V14 ark.merge_same_version). */
class SameVersionMergeTest {

    private final JsonMapper json = JsonMapper.builder().build();

    private final TaskMapper mapper = new TaskMapper(json);

    private final SameVersionMerge merge = new SameVersionMerge(mapper, json);

    private static final String FULL = """
            {"id":"t1","model":"m","status":"succeeded","created_at":100,"updated_at":200,"resolution":"720p",
             "content":{"video_url":"https://v/1.mp4","last_frame_url":"https://v/1.png"},
             "usage":{"completion_tokens":10,"total_tokens":10},"error":null}""";

    @Test
    void shouldKeepEveryFieldOfTheFullerCopyWhenATrimmedCopyOfTheSameVersionFollows() {
        MappingResult.Mapped merged = merge.merge(mapped(FULL),
                mapped("{\"id\":\"t1\",\"model\":\"m\",\"status\":\"succeeded\",\"created_at\":100,\"updated_at\":200,"
                        + "\"content\":{},\"resolution\":\"\"}"));

        assertThat(merged.task().videoUrl()).isEqualTo("https://v/1.mp4");
        assertThat(merged.task().lastFrameUrl()).isEqualTo("https://v/1.png");
        assertThat(merged.task().resolution()).isEqualTo("720p");
        assertThat(merged.usage().totalTokens()).isEqualTo(10L);
    }

    @Test
    void shouldLetAValueOfTheLaterCopyWinAndMergeObjectsFieldByField() {
        MappingResult.Mapped merged = merge.merge(mapped(FULL),
                mapped("{\"id\":\"t1\",\"status\":\"succeeded\",\"updated_at\":200,\"seed\":7,"
                        + "\"content\":{\"video_url\":\"https://v/2.mp4\"}}"));

        assertThat(merged.task().videoUrl()).isEqualTo("https://v/2.mp4");
        assertThat(merged.task().lastFrameUrl()).isEqualTo("https://v/1.png");
        assertThat(merged.task().seed()).isEqualTo(7L);
        assertThat(merged.task().model()).isEqualTo("m");
    }

    @Test
    void shouldTakeANewerVersionWholeAndDropAnOlderOne() {
        MappingResult.Mapped newer = mapped("{\"id\":\"t1\",\"status\":\"succeeded\",\"updated_at\":300}");
        MappingResult.Mapped older = mapped("{\"id\":\"t1\",\"status\":\"running\",\"updated_at\":150}");

        assertThat(merge.merge(mapped(FULL), newer)).isSameAs(newer);
        MappingResult.Mapped full = mapped(FULL);
        assertThat(merge.merge(full, older)).isSameAs(full);
        MappingResult.Mapped otherStatus = mapped("{\"id\":\"t1\",\"status\":\"failed\",\"updated_at\":200}");
        assertThat(merge.merge(mapped(FULL), otherStatus)).as("another status is another version").isSameAs(otherStatus);
    }

    private MappingResult.Mapped mapped(String item) {
        return (MappingResult.Mapped) mapper.map(new RawTaskItem(json.readTree(item), "tier=default", "default", 1));
    }
}
