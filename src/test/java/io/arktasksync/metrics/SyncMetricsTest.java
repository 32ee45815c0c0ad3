package io.arktasksync.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import io.arktasksync.client.ArkApiClient;
import io.arktasksync.client.Sleeper;
import io.arktasksync.job.plan.SyncMode;
import io.arktasksync.job.SyncRunStatistics;
import io.arktasksync.persistence.UpsertOutcome;
import io.arktasksync.cli.exit.ExitCode;
import io.arktasksync.support.PrometheusText;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class SyncMetricsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private final SyncMetrics metrics = new SyncMetrics(registry, Clock.fixed(NOW, ZoneOffset.UTC));

    private final SyncRunStatistics statistics = new SyncRunStatistics();

    /** Never called here: its request counters stay at zero. */
    private final ArkApiClient client = new ArkApiClient("http://127.0.0.1:9/api/v3", "sk-metrics-test-key",
            new ArkApiClient.Settings(Duration.ofSeconds(1), Duration.ofSeconds(1), 1, Duration.ofSeconds(1), 0),
            JsonMapper.builder().build(), Sleeper.THREAD, Clock.systemUTC());

    @Test
    void shouldReadTheRunsStatisticsWhenScrapedNotWhenRegistered() {
        // given: meters registered at the start of an incremental run
        metrics.runStarted("default", statistics, client, SyncMode.INCREMENTAL);

        // when: the run goes on after that
        statistics.pageRead(500);
        statistics.pageRead(120);
        statistics.chunkWritten(600, 590, new UpsertOutcome(400, 50, 450, 7), 2);

        // then
        Map<String, Double> samples = PrometheusText.samples(registry.scrape());
        assertThat(samples).containsEntry("ark_sync_pages_total{account=\"default\",mode=\"incremental\"}", 2.0)
            .containsEntry("ark_sync_tasks_read_total{account=\"default\",mode=\"incremental\"}", 620.0)
            .containsEntry("ark_sync_tasks_inserted_total{account=\"default\",mode=\"incremental\"}", 400.0)
            .containsEntry("ark_sync_tasks_updated_total{account=\"default\",mode=\"incremental\"}", 50.0)
            .containsEntry("ark_sync_tasks_unchanged_total{account=\"default\",mode=\"incremental\"}", 140.0)
            .containsEntry("ark_sync_tasks_duplicates_total{account=\"default\",mode=\"incremental\"}", 10.0)
            .containsEntry("ark_sync_tasks_rejected_total{account=\"default\",mode=\"incremental\"}", 2.0)
            .containsEntry("ark_sync_history_rows_total{account=\"default\",mode=\"incremental\"}", 450.0)
            .containsEntry("ark_sync_tasks_usage_missing_total{account=\"default\",mode=\"incremental\"}", 7.0)
            .containsEntry("ark_sync_requests_total{account=\"default\",mode=\"incremental\"}", 0.0)
            .containsEntry("ark_sync_retries_total{account=\"default\",mode=\"incremental\"}", 0.0)
            .containsEntry("ark_sync_throttled_total{account=\"default\",mode=\"incremental\"}", 0.0)
            .containsEntry("ark_sync_throttled_wait_seconds_total{account=\"default\",mode=\"incremental\"}", 0.0);
        assertThat(samples.get("ark_sync_api_total_tasks{account=\"default\",mode=\"incremental\"}")).as("no listing reported a total")
            .isNaN();
    }

    @Test
    void shouldRecordDurationExitCodeAndTheTimeOfASuccess() {
        // given
        metrics.runStarted("default", statistics, client, SyncMode.FULL);
        metrics.runFinished("default", Duration.ofMillis(12_500));

        // when
        metrics.syncEnded("default", ExitCode.SUCCESS);

        // then
        Map<String, Double> samples = PrometheusText.samples(registry.scrape());
        assertThat(samples).containsEntry("ark_sync_duration_seconds{account=\"default\",mode=\"full\"}", 12.5)
            .containsEntry("ark_sync_exit_code{account=\"default\",mode=\"full\",outcome=\"success\"}", 0.0)
            .containsEntry("ark_sync_last_run_timestamp_seconds{account=\"default\"}", (double) NOW.getEpochSecond())
            .containsEntry("ark_sync_last_success_timestamp_seconds{account=\"default\"}", (double) NOW.getEpochSecond());
    }

    @Test
    void shouldLeaveOutTheTimeOfASuccessWhenTheRunFailed() {
        // given
        metrics.runStarted("default", statistics, client, SyncMode.FULL);
        metrics.runFinished("default", Duration.ofSeconds(3));

        // when
        metrics.syncEnded("default", ExitCode.AUTHENTICATION_FAILED);

        // then
        Map<String, Double> samples = PrometheusText.samples(registry.scrape());
        assertThat(samples).containsEntry("ark_sync_exit_code{account=\"default\",mode=\"full\",outcome=\"authentication_failed\"}", 3.0)
            .containsEntry("ark_sync_last_run_timestamp_seconds{account=\"default\"}", (double) NOW.getEpochSecond())
            .doesNotContainKey("ark_sync_last_success_timestamp_seconds{account=\"default\"}");
    }

    @Test
    void shouldRecordTheExitCodeOfARunThatNeverStartedAJob() {
        // given: another run holds the lock, so no job ran and no run meter exists

        // when
        metrics.syncEnded("default", ExitCode.ALREADY_RUNNING);

        // then
        Map<String, Double> samples = PrometheusText.samples(registry.scrape());
        assertThat(samples).containsEntry("ark_sync_exit_code{account=\"default\",outcome=\"already_running\"}", 5.0)
            .doesNotContainKey("ark_sync_tasks_read_total{account=\"default\",mode=\"full\"}")
            .doesNotContainKey("ark_sync_last_success_timestamp_seconds{account=\"default\"}");
    }

    @Test
    void shouldKeepEachAccountsMetersApartAndScrapeOneAccountAlone() {
        // given: two accounts of one process, each with its run
        SyncRunStatistics other = new SyncRunStatistics();
        metrics.runStarted("default", statistics, client, SyncMode.FULL);
        metrics.runStarted("team-b", other, client, SyncMode.INCREMENTAL);
        statistics.pageRead(500);
        other.pageRead(20);
        other.pageRead(30);

        // when
        metrics.syncEnded("default", ExitCode.SUCCESS);
        metrics.syncEnded("team-b", ExitCode.AUTHENTICATION_FAILED);

        // then: the application's registry holds both, each under its label
        Map<String, Double> all = PrometheusText.samples(registry.scrape());
        assertThat(all).containsEntry("ark_sync_pages_total{account=\"default\",mode=\"full\"}", 1.0)
            .containsEntry("ark_sync_pages_total{account=\"team-b\",mode=\"incremental\"}", 2.0)
            .containsEntry("ark_sync_exit_code{account=\"team-b\",mode=\"incremental\",outcome=\"authentication_failed\"}",
                    3.0)
            .containsKey("ark_sync_last_success_timestamp_seconds{account=\"default\"}")
            .doesNotContainKey("ark_sync_last_success_timestamp_seconds{account=\"team-b\"}");
        // and an account's own scrape, what its Pushgateway group gets, holds only its meters
        Map<String, Double> teamB = PrometheusText.samples(metrics.scrape("team-b", "text/plain; version=0.0.4"));
        assertThat(teamB).containsEntry("ark_sync_pages_total{account=\"team-b\",mode=\"incremental\"}", 2.0)
            .allSatisfy((name, value) -> assertThat(name).contains("account=\"team-b\""));
    }
}
