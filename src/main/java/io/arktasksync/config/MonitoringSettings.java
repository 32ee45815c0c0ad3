package io.arktasksync.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a run tells while it runs and when it ends: progress lines or bar, and metrics pushed to a Pushgateway
 * (src/docs/monitoring.md). Shared by all accounts.
 *
 * @param progressEveryPages a progress line in the log every this many pages (0 = none)
 * @param progressBar auto: a progress bar instead of the progress lines when the output is an interactive terminal
 *        and the log is plain text; off: never
 * @param pushgatewayUrl Prometheus Pushgateway to push the run's metrics to when the run ends, e.g.
 *        http://pushgateway:9091; unset: no push
 */
@ConfigurationProperties("ark")
public record MonitoringSettings(
        @DefaultValue("50") int progressEveryPages,
        @DefaultValue("auto") ProgressBar progressBar,
        String pushgatewayUrl) {

    /** Whether the run's metrics are pushed to a Pushgateway. */
    public boolean pushgatewayConfigured() {
        return pushgatewayUrl != null && !pushgatewayUrl.isBlank();
    }
}
