package io.arktasksync.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class SimulatedTaskGeneratorTest {

    private static final Instant NOW = Instant.parse("2025-11-25T12:00:00Z");
    private static final long NOW_SECONDS = NOW.getEpochSecond();
    private static final int COUNT = 20_000;

    private static List<SimulatedTask> tasks;

    @BeforeAll
    static void generate() {
        tasks = SimulatedTaskGenerator.generate(COUNT, 42, NOW);
    }

    @Test
    void shouldBeDeterministicForTheSameArguments() {
        assertThat(SimulatedTaskGenerator.generate(500, 42, NOW)).isEqualTo(tasks.subList(0, 500));
        assertThat(SimulatedTaskGenerator.generate(500, 43, NOW)).isNotEqualTo(tasks.subList(0, 500));
    }

    @Test
    void shouldGenerateNothingForZero() {
        assertThat(SimulatedTaskGenerator.generate(0, 1, NOW)).isEmpty();
    }

    @Test
    void shouldIssueUniqueIdsInArkFormat() {
        assertThat(tasks).hasSize(COUNT);
        assertThat(tasks.stream().map(SimulatedTask::id).distinct().count()).isEqualTo(COUNT);
        assertThat(tasks).allSatisfy(task -> assertThat(task.id()).matches("cgt-\\d{14}-[a-z0-9]{5}"));
    }

    @Test
    void shouldFollowTheStatusMix() {
        assertThat(share(task -> task.status().equals("succeeded"))).isCloseTo(0.85, within(0.02));
        assertThat(share(task -> task.status().equals("failed"))).isCloseTo(0.06, within(0.01));
        assertThat(share(task -> task.status().equals("running"))).isCloseTo(0.03, within(0.01));
        assertThat(share(task -> task.status().equals("queued"))).isCloseTo(0.02, within(0.01));
        assertThat(share(task -> task.status().equals("cancelled"))).isCloseTo(0.02, within(0.01));
        assertThat(share(task -> task.status().equals("expired"))).isCloseTo(0.02, within(0.01));
    }

    @Test
    void shouldPutAboutOneFifthInTheFlexTier() {
        assertThat(share(task -> task.serviceTier().equals("flex"))).isCloseTo(0.20, within(0.02));
        assertThat(tasks).allSatisfy(task -> assertThat(task.serviceTier()).isIn("default", "flex"));
    }

    @Test
    void shouldUseSeveralRealModels() {
        Map<String, Long> perModel = tasks.stream()
                .collect(Collectors.groupingBy(SimulatedTask::model, Collectors.counting()));

        assertThat(perModel.keySet()).containsExactlyInAnyOrderElementsOf(SimulatedTaskGenerator.MODELS);
        assertThat(perModel.values()).allSatisfy(count -> assertThat(count).isGreaterThan(COUNT / 20L));
    }

    @Test
    void shouldKeepTimesInsideTheSevenDayWindowAndInOrder() {
        assertThat(tasks).allSatisfy(task -> {
            assertThat(task.createdAt()).isBetween(NOW_SECONDS - 7 * 86_400 + 1, NOW_SECONDS - 1);
            assertThat(task.updatedAt()).isBetween(task.createdAt(), NOW_SECONDS);
        });
        assertThat(tasks.stream().filter(task -> task.status().matches("succeeded|failed|cancelled")))
                .allSatisfy(task -> assertThat(task.updatedAt() - task.createdAt()).isBetween(30L, 600L));
        assertThat(tasks.stream().filter(task -> task.status().equals("expired")))
                .allSatisfy(task -> assertThat(task.updatedAt() - task.createdAt()).isEqualTo(172_800L));
        long oldest = tasks.stream().mapToLong(SimulatedTask::createdAt).min().orElseThrow();
        assertThat(oldest).isLessThan(NOW_SECONDS - 6 * 86_400);
    }

    @Test
    void shouldGiveSucceededTasksContentAndPlausibleUsage() {
        List<SimulatedTask> succeeded = tasks.stream().filter(task -> task.status().equals("succeeded")).toList();

        assertThat(succeeded).allSatisfy(task -> {
            assertThat(task.videoUrl()).startsWith("https://ark-content-generation.tos-cn-beijing.volces.com/"
                    + task.id() + ".mp4?X-Tos-Algorithm=").contains("&X-Tos-Expires=86400");
            assertThat(task.completionTokens()).isEqualTo(task.totalTokens()).isBetween(10_000L, 1_000_000L);
        });
        assertThat(succeeded.stream().filter(task -> task.lastFrameUrl() != null))
                .allSatisfy(task -> assertThat(task.lastFrameUrl()).contains(".png?"));
        assertThat(succeeded.stream().filter(task -> task.lastFrameUrl() != null).count())
                .isGreaterThan(succeeded.size() / 2L);
        assertThat(succeeded.stream().filter(task -> "720p".equals(task.resolution()) && "16:9".equals(task.ratio())
                && Integer.valueOf(5).equals(task.duration()))).allSatisfy(
                        task -> assertThat(task.totalTokens()).isEqualTo(108_900L));
    }

    @Test
    void shouldDescribeFailuresSometimesAsFailureReason() {
        List<SimulatedTask> failed = tasks.stream().filter(task -> task.status().equals("failed")).toList();

        assertThat(failed).allSatisfy(task -> {
            assertThat(task.errorCode()).isNotBlank();
            assertThat(task.errorMessage()).isNotBlank();
            assertThat(task.videoUrl()).isNull();
            assertThat(task.totalTokens()).isIn(null, 0L);
        });
        double asFailureReason = failed.stream().filter(SimulatedTask::errorAsFailureReason).count()
                / (double) failed.size();
        assertThat(asFailureReason).isCloseTo(1 / 3.0, within(0.06));
        assertThat(failed).extracting(SimulatedTask::errorCode).contains("OutputVideoSensitiveContentDetected");
    }

    @Test
    void shouldLeaveUnfinishedTasksWithoutContentOrUsageOrError() {
        assertThat(tasks.stream().filter(task -> task.status().matches("queued|running|cancelled|expired")))
                .allSatisfy(task -> {
                    assertThat(task.videoUrl()).isNull();
                    assertThat(task.totalTokens()).isNull();
                    assertThat(task.errorCode()).isNull();
                });
    }

    @Test
    void shouldDescribeTheVideoRealistically() {
        assertThat(tasks).allSatisfy(task -> {
            assertThat(task.resolution()).isIn("480p", "720p", "1080p");
            assertThat(task.ratio()).isIn("16:9", "9:16", "1:1", "adaptive");
            assertThat(task.framesPerSecond()).isEqualTo(24);
            assertThat(task.seed()).isNotNull().isNotNegative();
            if (task.duration() == null) {
                assertThat(task.extraFields().get("frames")).isIn(121, 241);
            } else {
                assertThat(task.duration()).isIn(5, 10);
                assertThat(task.extraFields()).doesNotContainKey("frames");
            }
        });
        assertThat(share(task -> task.duration() == null)).isBetween(0.02, 0.10);
    }

    @Test
    void shouldCarryKnownAndUnknownExtraFields() {
        assertThat(share(task -> task.extraFields().containsKey("generate_audio"))).isGreaterThan(0.05);
        assertThat(share(task -> task.extraFields().containsKey("draft"))).isGreaterThan(0.05);
        assertThat(share(task -> task.extraFields().containsKey("priority"))).isGreaterThan(0.01);
        assertThat(share(task -> task.extraFields().containsKey("revised_prompt"))).isGreaterThan(0.03);
        assertThat(share(task -> task.extraFields().containsKey("x_future_field"))).isBetween(0.002, 0.03);

        SimulatedTask future = tasks.stream().filter(task -> task.extraFields().containsKey("x_future_field"))
                .findFirst().orElseThrow();
        JsonNode json = future.toJson(SimulatorClient.MAPPER);
        assertThat(json.at("/x_future_field/a").asInt()).isEqualTo(1);
        assertThat(json.get("execution_expires_after").asLong()).isEqualTo(172_800L);
    }

    private static double share(Predicate<SimulatedTask> predicate) {
        return tasks.stream().filter(predicate).count() / (double) tasks.size();
    }
}
