package io.arktasksync.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.function.IntSupplier;

import io.arktasksync.simulator.SimulatedTaskGenerator;
import io.arktasksync.support.FakePushgateway;
import io.arktasksync.support.SyncHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The run's metrics reach a Pushgateway (a fake one on loopback) when the sync ends, whichever way it ends, with the
 * figures the run recorded in {@code ark.sync_runs}; a Pushgateway that is down or refuses changes nothing else.
 */
class PushgatewayIT {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static final int TASKS = 1_234;

    @RegisterExtension
    final SyncHarness harness = new SyncHarness();

    private FakePushgateway gateway;

    @BeforeEach
    void setUp() {
        harness.api().putAll(SimulatedTaskGenerator.generate(TASKS, 61L, NOW));
        gateway = FakePushgateway.start();
    }

    @AfterEach
    void tearDown() {
        gateway.close();
    }

    @Test
    void shouldPushTheFiguresOfTheRunWhenTheSyncEnds() {
        // given
        long startedAt = Instant.now().getEpochSecond();

        // when
        int exitCode = harness.sync("--ark.page-size=100", "--ark.pushgateway-url=" + gateway.url());

        // then: one push, after the run was recorded, with the same figures
        assertThat(exitCode).isZero();
        assertThat(gateway.pushes()).singleElement().satisfies(push -> {
            assertThat(push.method()).isEqualTo("POST");
            assertThat(push.path()).isEqualTo("/metrics/job/ark-task-sync/account/default");
        });
        Map<String, Double> pushed = gateway.pushes().get(0).samples();
        Map<String, Object> run = harness.jdbi().withHandle(h -> h.createQuery(
                "SELECT pages, items_read, inserted, updated, unchanged, rejected, history_rows FROM ark.sync_runs")
            .mapToMap().one());
        assertThat(pushed).containsEntry("ark_sync_tasks_read_total{account=\"default\",mode=\"full\"}", (double) TASKS)
            .containsEntry("ark_sync_tasks_inserted_total{account=\"default\",mode=\"full\"}", (double) TASKS)
            .containsEntry("ark_sync_tasks_updated_total{account=\"default\",mode=\"full\"}", 0.0)
            .containsEntry("ark_sync_tasks_unchanged_total{account=\"default\",mode=\"full\"}", 0.0)
            .containsEntry("ark_sync_tasks_rejected_total{account=\"default\",mode=\"full\"}", 0.0)
            .containsEntry("ark_sync_history_rows_total{account=\"default\",mode=\"full\"}", (double) TASKS)
            .containsEntry("ark_sync_pages_total{account=\"default\",mode=\"full\"}", ((Number) run.get("pages")).doubleValue())
            .containsEntry("ark_sync_api_total_tasks{account=\"default\",mode=\"full\"}", (double) TASKS)
            .containsEntry("ark_sync_distinct_ids{account=\"default\",mode=\"full\"}", (double) TASKS)
            .containsEntry("ark_sync_reconciled{account=\"default\",mode=\"full\"}", 1.0)
            .containsEntry("ark_sync_requests_total{account=\"default\",mode=\"full\"}", (double) harness.api().requestCount())
            .containsEntry("ark_sync_retries_total{account=\"default\",mode=\"full\"}", 0.0)
            .containsEntry("ark_sync_throttled_total{account=\"default\",mode=\"full\"}", 0.0)
            .containsEntry("ark_sync_exit_code{account=\"default\",mode=\"full\",outcome=\"success\"}", 0.0);
        assertThat(((Number) run.get("items_read")).longValue()).isEqualTo(TASKS);
        assertThat(((Number) run.get("inserted")).longValue()).isEqualTo(TASKS);
        assertThat(pushed.get("ark_sync_duration_seconds{account=\"default\",mode=\"full\"}")).isPositive();
        assertThat(pushed.get("ark_sync_last_success_timestamp_seconds{account=\"default\"}")).isGreaterThanOrEqualTo(startedAt);
        assertThat(pushed.get("ark_sync_last_run_timestamp_seconds{account=\"default\"}"))
            .isEqualTo(pushed.get("ark_sync_last_success_timestamp_seconds{account=\"default\"}"));
        assertThat(pushed.keySet()).as("the JVM's own meters go along")
            .anyMatch(series -> series.startsWith("jvm_memory_used_bytes"));
    }

    @Test
    void shouldPushTheExitCodeButNoSuccessTimeWhenTheSyncFails() {
        // given: a key the API refuses

        // when
        int exitCode = harness.sync("--ark.api-key=sk-refused-0123456789", "--ark.pushgateway-url=" + gateway.url());

        // then
        assertThat(exitCode).isEqualTo(3);
        assertThat(gateway.pushes()).singleElement().satisfies(push -> {
            Map<String, Double> pushed = push.samples();
            assertThat(pushed).containsEntry("ark_sync_exit_code{account=\"default\",mode=\"full\",outcome=\"authentication_failed\"}", 3.0)
                .containsEntry("ark_sync_tasks_read_total{account=\"default\",mode=\"full\"}", 0.0)
                .containsKey("ark_sync_last_run_timestamp_seconds{account=\"default\"}")
                .doesNotContainKey("ark_sync_last_success_timestamp_seconds{account=\"default\"}");
        });
    }

    @Test
    void shouldKeepTheExitCodeOfTheSyncWhenThePushgatewayIsDown() {
        // given: nothing listens at the Pushgateway's address any more
        String downUrl = gateway.url();
        gateway.close();

        // when
        StringBuilder output = new StringBuilder();
        int exitCode = capturingStandardOutput(output, () -> harness.sync("--ark.pushgateway-url=" + downUrl));

        // then
        assertThat(exitCode).isZero();
        assertThat(harness.count("SELECT count(*) FROM ark.tasks")).isEqualTo(TASKS);
        assertThat(output).contains("WARN").contains("Could not push the run's metrics to " + downUrl);
    }

    @Test
    void shouldKeepTheExitCodeOfTheSyncWhenThePushgatewayRefusesThePush() {
        // given
        gateway.answer(500, "storage full");

        // when
        StringBuilder output = new StringBuilder();
        int exitCode = capturingStandardOutput(output, () -> harness.sync("--ark.pushgateway-url=" + gateway.url()));

        // then
        assertThat(exitCode).isZero();
        assertThat(gateway.pushes()).hasSize(1);
        assertThat(output).contains("WARN").contains("Could not push").contains("HTTP 500").contains("storage full");
    }

    /** Runs with the console log (standard output) copied into {@code output}; the test's own log keeps it too. */
    private static int capturingStandardOutput(StringBuilder output, IntSupplier run) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new OutputStream() {

            @Override
            public synchronized void write(int b) {
                buffer.write(b);
                original.write(b);
            }
        }, true, StandardCharsets.UTF_8));
        try {
            return run.getAsInt();
        }
        finally {
            System.setOut(original);
            output.append(buffer.toString(StandardCharsets.UTF_8));
        }
    }
}
