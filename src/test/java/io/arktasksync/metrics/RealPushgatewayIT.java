package io.arktasksync.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import io.arktasksync.simulator.SimulatedTaskGenerator;
import io.arktasksync.support.RealPushgateway;
import io.arktasksync.support.RequiredTool;
import io.arktasksync.support.SyncHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The push against Debian's real Pushgateway, which checks the text format on every push and answers 400 to what it
 * cannot take: what it then exposes to Prometheus carries the run's figures, and a failed run's push leaves the
 * last success's time in place, as the alert rules rely on.
 */
@Tag(RequiredTool.REAL_TOOLS)
class RealPushgatewayIT {

    private static final int TASKS = 1_234;

    private static final String GROUP = "account=\"team-a\",instance=\"\",job=\"ark-task-sync\"";

    @RegisterExtension
    final SyncHarness harness = new SyncHarness();

    private RealPushgateway gateway;

    @BeforeEach
    void setUp() throws Exception {
        harness.api().putAll(SimulatedTaskGenerator.generate(TASKS, 61L, Instant.parse("2026-11-25T12:00:00Z")));
        gateway = RealPushgateway.start();
    }

    @AfterEach
    void tearDown() {
        if (gateway != null) { // null when the program is missing: the test has failed saying so
            gateway.close();
        }
    }

    @Test
    void shouldExposeTheRunsFiguresAndKeepTheLastSuccessWhenALaterRunFails() throws Exception {
        // when
        int success = harness.sync("--ark.account=team-a", "--ark.pushgateway-url=" + gateway.url());
        Map<String, Double> afterSuccess = gateway.scrape();

        // then: accepted (the gateway validates) and exposed with the group's labels
        assertThat(success).isZero();
        assertThat(afterSuccess)
            .containsEntry("ark_sync_tasks_read_total{" + GROUP + ",mode=\"full\"}", (double) TASKS)
            .containsEntry("ark_sync_tasks_inserted_total{" + GROUP + ",mode=\"full\"}", (double) TASKS)
            .containsEntry("ark_sync_reconciled{" + GROUP + ",mode=\"full\"}", 1.0)
            .containsEntry("ark_sync_tasks_rejected_total{" + GROUP + ",mode=\"full\"}", 0.0)
            .containsEntry("ark_sync_exit_code{" + GROUP + ",mode=\"full\",outcome=\"success\"}", 0.0)
            .containsKey("push_time_seconds{" + GROUP + "}")
            .containsEntry("push_failure_time_seconds{" + GROUP + "}", 0.0);
        Double lastSuccess = afterSuccess.get("ark_sync_last_success_timestamp_seconds{" + GROUP + "}");
        assertThat(lastSuccess).isPositive();

        // when: a later run the API refuses
        Thread.sleep(1_100);
        int failure = harness.sync("--ark.account=team-a", "--ark.api-key=sk-refused-0123456789",
                "--ark.pushgateway-url=" + gateway.url());
        Map<String, Double> afterFailure = gateway.scrape();

        // then: its exit code replaced the success's, and the last success's time is still there
        assertThat(failure).isEqualTo(3);
        assertThat(afterFailure)
            .containsEntry("ark_sync_exit_code{" + GROUP + ",mode=\"incremental\",outcome=\"authentication_failed\"}", 3.0)
            .doesNotContainKey("ark_sync_exit_code{" + GROUP + ",mode=\"full\",outcome=\"success\"}")
            .containsEntry("ark_sync_last_success_timestamp_seconds{" + GROUP + "}", lastSuccess)
            .containsEntry("push_failure_time_seconds{" + GROUP + "}", 0.0);
        assertThat(afterFailure.get("ark_sync_last_run_timestamp_seconds{" + GROUP + "}")).isGreaterThan(lastSuccess);
    }
}
