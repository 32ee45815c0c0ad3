package io.arktasksync.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class SimulatedTaskTest {

    private static final SimulatedTask DOCUMENTED = new SimulatedTask("cgt-2025-abcd",
            "doubao-seedance-1-0-pro-250528", "succeeded", "default", 1743414619, 1743414673,
            108900L, 108900L, "https://x/v.mp4?X-Tos-Expires=86400", "https://x/f.png",
            null, null, false, "720p", "16:9", 5, 24, 10L, Map.of());

    @Test
    void shouldRenderTheDocumentedExampleKeyForKeyInOrder() {
        ObjectNode json = DOCUMENTED.toJson(SimulatorClient.MAPPER);

        JsonNode rendered = SimulatorClient.parse(SimulatorClient.MAPPER.writeValueAsString(json));
        assertThat(rendered).isEqualTo(SimulatorClient.parse("""
                {"id": "cgt-2025-abcd", "model": "doubao-seedance-1-0-pro-250528", "status": "succeeded",
                 "error": null,
                 "content": {"video_url": "https://x/v.mp4?X-Tos-Expires=86400", "last_frame_url": "https://x/f.png"},
                 "usage": {"completion_tokens": 108900, "total_tokens": 108900},
                 "created_at": 1743414619, "updated_at": 1743414673,
                 "seed": 10, "resolution": "720p", "ratio": "16:9", "duration": 5, "framespersecond": 24,
                 "service_tier": "default", "execution_expires_after": 172800}
                """));
        assertThat(fieldNames(json)).containsExactly("id", "model", "status", "error", "content", "usage",
                "created_at", "updated_at", "seed", "resolution", "ratio", "duration", "framespersecond",
                "service_tier", "execution_expires_after");
    }

    @Test
    void shouldOmitContentUsageAndNullFieldsButKeepNullError() {
        SimulatedTask queued = new SimulatedTask("cgt-q", "m", "queued", "flex", 10, 10,
                null, null, null, null, null, null, false, null, null, null, null, null, null);

        ObjectNode json = queued.toJson(SimulatorClient.MAPPER);

        assertThat(fieldNames(json)).containsExactly("id", "model", "status", "error", "created_at", "updated_at",
                "service_tier", "execution_expires_after");
        assertThat(json.get("error").isNull()).isTrue();
    }

    @Test
    void shouldNameTheErrorFailureReasonWhenAsked() {
        SimulatedTask failed = new SimulatedTask("cgt-f", "m", "failed", "default", 10, 40,
                0L, 0L, null, null, "OutputVideoSensitiveContentDetected", "sensitive", true,
                "720p", "16:9", 5, 24, 1L, Map.of());

        ObjectNode json = failed.toJson(SimulatorClient.MAPPER);

        assertThat(json.has("error")).isFalse();
        assertThat(json.at("/failure_reason/code").asString()).isEqualTo("OutputVideoSensitiveContentDetected");
        assertThat(json.at("/failure_reason/message").asString()).isEqualTo("sensitive");
        assertThat(json.at("/usage/total_tokens").asLong()).isZero();
    }

    @Test
    void shouldAppendExtraFieldsAsGivenAndLetThemOverrideStandardOnes() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("frames", 121);
        extra.put("generate_audio", true);
        extra.put("x_future_field", Map.of("a", 1));
        extra.put("tools", List.of(Map.of("type", "web_search")));
        extra.put("draft_task_id", null);
        extra.put("content", Map.of());
        SimulatedTask task = new SimulatedTask("cgt-e", "m", "failed", "default", 10, 40,
                null, null, null, null, "E", "m", false, "480p", "adaptive", null, 24, 3L, extra);

        JsonNode json = task.toJson(SimulatorClient.MAPPER);

        assertThat(json.get("frames").asInt()).isEqualTo(121);
        assertThat(json.has("duration")).isFalse();
        assertThat(json.get("generate_audio").asBoolean()).isTrue();
        assertThat(json.at("/x_future_field/a").asInt()).isEqualTo(1);
        assertThat(json.at("/tools/0/type").asString()).isEqualTo("web_search");
        assertThat(json.get("draft_task_id").isNull()).isTrue();
        assertThat(json.get("content").isObject()).isTrue();
        assertThat(json.get("content").size()).isZero();
    }

    @Test
    void shouldCopyWithNewStatusAndUsage() {
        SimulatedTask running = DOCUMENTED.withUsage(null, null, 100).withStatus("running", 100);
        SimulatedTask done = running.withStatus("succeeded", 200).withUsage(5L, 6L, 300);

        assertThat(running.status()).isEqualTo("running");
        assertThat(running.completionTokens()).isNull();
        assertThat(done.status()).isEqualTo("succeeded");
        assertThat(done.completionTokens()).isEqualTo(5L);
        assertThat(done.totalTokens()).isEqualTo(6L);
        assertThat(done.updatedAt()).isEqualTo(300);
        assertThat(done.id()).isEqualTo(DOCUMENTED.id());
        assertThat(done.videoUrl()).isEqualTo(DOCUMENTED.videoUrl());
    }

    @Test
    void shouldFreezeExtraFields() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("priority", 1);
        SimulatedTask task = DOCUMENTED.withStatus("succeeded", 1);
        SimulatedTask withExtra = new SimulatedTask(task.id(), task.model(), task.status(), task.serviceTier(),
                1, 1, null, null, null, null, null, null, false, null, null, null, null, null, extra);
        extra.put("priority", 2);

        assertThat(withExtra.extraFields()).containsEntry("priority", 1);
        assertThatThrownBy(() -> withExtra.extraFields().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
