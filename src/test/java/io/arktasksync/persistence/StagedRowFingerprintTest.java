package io.arktasksync.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import io.arktasksync.client.ArkJsonMapper;
import io.arktasksync.client.ReceivedDigest;
import io.arktasksync.mapping.ItemDigest;
import io.arktasksync.mapping.MappingResult;
import io.arktasksync.mapping.RawTaskItem;
import io.arktasksync.mapping.TaskMapper;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps {@link ItemDigest#MAPPING_VERSION} honest. A full run leaves out items whose digest (which includes that
 * version) is stored, without mapping them; if the mapping or the staged columns changed what an item becomes and
 * the version stayed, stored tasks would keep what the old mapping made of them. So the rows staged for a set of
 * items that uses every mapped field are recorded here with the version they were recorded under.
 */
class StagedRowFingerprintTest {

    /** The version the fingerprint below was recorded under. */
    private static final String RECORDED_VERSION = "ark-task-sync mapping 2";

    private static final String RECORDED_FINGERPRINT = "53ae78998127bd97d49ed9e501f3b3e9438a33b835754ee1a2a96a5167777a57";

    private static final JsonMapper JSON = ArkJsonMapper.create();

    private static final List<String> ITEMS = List.of("""
            {"id":"cgt-1","model":"doubao-seedance-1-0-pro-250528","status":"succeeded","service_tier":"flex",
             "content":{"video_url":"https://v/1.mp4","last_frame_url":"https://v/1.png","file_url":"https://f/1"},
             "resolution":"1080p","ratio":"16:9","duration":5,"frames":121,"framespersecond":24,"seed":-7,
             "created_at":1764500000,"updated_at":1764500090,"unknown":{"n":1.50,"s":"视频"},
             "safety_identifier":"user-7","priority":3,"draft":false,"generate_audio":true,
             "tools":[{"type":"web_search"},{"type":"image_process"}],
             "usage":{"completion_tokens":108900,"total_tokens":108900,"tool_usage":{"web_search":2}}}""", """
            {"id":"cgt-2","model":"m","status":"failed","created_at":1764500000,"updated_at":1764500001,
             "error":{"code":"OutputVideoSensitiveContentDetected","message":"refused"},"content":{"video_url":""}}""",
            """
            {"id":"cgt-3","status":"failed","failure_reason":"bare message","usage":{}}""", """
            {"id":"cgt-4","status":"queued"}""");

    @Test
    void shouldStageTheRowsRecordedForThisMappingVersion() throws Exception {
        // given
        TaskMapper mapper = new TaskMapper(JSON);
        List<MappingResult.Mapped> tasks = ITEMS.stream()
            .map(item -> (MappingResult.Mapped) mapper.map(new RawTaskItem(JSON.readTree(item), "default", "default",
                    1)))
            .toList();

        // when
        List<StagedRow> rows = ChunkStaging.encode(tasks, "account");

        // then
        MessageDigest sha256 = ReceivedDigest.sha256();
        for (StagedRow row : rows) {
            // the content hash (a uuid field: 4 bytes of length, 16 of value) ends the row and is no mapped column
            sha256.update(row.rows(), row.offset(), row.length() - 20);
        }
        String fingerprint = HexFormat.of().formatHex(sha256.digest());
        assertThat(ItemDigest.MAPPING_VERSION + " " + fingerprint)
            .as("what an item maps to has changed: give ItemDigest.MAPPING_VERSION a new value (stored tasks are then "
                    + "rewritten by the new mapping instead of being judged unchanged), then record it and the new "
                    + "fingerprint here")
            .isEqualTo(RECORDED_VERSION + " " + RECORDED_FINGERPRINT);
        assertThat(rows).extracting(StagedRow::contentHash).doesNotHaveDuplicates();
        assertThat(new String(row(rows.get(0)), StandardCharsets.UTF_8)).contains("视频");
    }

    private static byte[] row(StagedRow row) {
        return java.util.Arrays.copyOfRange(row.rows(), row.offset(), row.offset() + row.length());
    }
}
