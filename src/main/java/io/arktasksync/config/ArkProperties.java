package io.arktasksync.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every knob of a sync, bound from {@code ark.*} properties or the matching {@code ARK_*} environment variables
 * (Spring Boot relaxed binding: {@code ARK_PAGE_SIZE} is {@code ark.page-size}).
 * Checked by {@link SettingsValidator} before anything connects.
 *
 * @param baseUrl API base such as {@code https://ark.cn-beijing.volces.com/api/v3} or a relay's {@code .../volc/v1};
 *        the job appends {@code /contents/generations/tasks}
 * @param apiKey bearer key; never logged, never stored
 * @param pageSize items per request, 1..500
 * @param maxPageNum highest page_num the API accepts (500 on Ark)
 * @param filter optional listing filters
 * @param allowInsecureHttp allow a plain {@code http://} base URL on a non-loopback host
 * @param chunkSize items per database transaction
 * @param synchronousCommit whether a chunk's commit waits for PostgreSQL to flush it to disk; {@code false} (the
 *        default) commits chunks with {@code synchronous_commit = off}: a database crash can lose the last moment of
 *        committed chunks, always together with the job's record of them, so the next run reads them again
 * @param maxRejectRatio share of read items that may be rejected before the run fails (0..1)
 * @param account label stored with every task, to tell several synced accounts apart
 * @param lastSeenResolution how stale {@code last_seen_at} may get before an unchanged task is touched again
 * @param connectTimeout HTTP connect timeout
 * @param requestTimeout HTTP timeout for one whole response
 * @param maxAttempts attempts per page on 429, 5xx and I/O errors
 * @param retryMaxWait upper bound on the total time spent waiting between attempts of one request
 * @param prefetchPages pages fetched and parsed ahead while the current one is written (0 = none)
 * @param shutdownGracePeriod how long SIGTERM waits for the sync to stop at a chunk boundary
 * @param maxRequestsPerSecond request rate limit, 0 for none until the API answers 429
 * @param failWhenUnreconciled end with exit code 8 (instead of a warning) when a listing could not be reconciled
 * @param fullScan read everything even when an incremental run would do ({@code --full})
 * @param fullScanInterval an incremental run needs a reconciled full run younger than this
 * @param incrementalOverlap how far below the newest stored task an incremental run reads
 * @param progressEveryPages a progress line in the log every this many pages (0 = none)
 * @param progressBar {@code auto}: a progress bar instead of the progress lines when the output is an interactive
 *        terminal and the log is plain text; {@code off}: never
 * @param pushgatewayUrl Prometheus Pushgateway to push the run's metrics to when the run ends, e.g.
 *        {@code http://pushgateway:9091}; unset: no push
 * @param endpointIds endpoint ids ({@code ep-...}) to also narrow a listing by model with when it is too big to page
 *        through: Volcengine's {@code filter.model} takes endpoint ids, not the model names items carry
 * @param maxItemBytes an item larger than this, as received, is quarantined in {@code ark.task_rejects} (the start
 *        of its text, its size, its id when readable) instead of read: real items are a few KB, the largest
 *        (a long prompt, a few links) far below a megabyte, so 4 MB is reached only by a broken or hostile upstream
 * @param maxPageBytes a response body larger than this is not read on; the page is read again in smaller pages
 *        (src/docs/failure-modes.md). A page of 500 real items is about 0.5 MB
 */
@ConfigurationProperties("ark")
public record ArkProperties(
        String baseUrl,
        String apiKey,
        @DefaultValue("500") int pageSize,
        @DefaultValue("500") int maxPageNum,
        @DefaultValue Filter filter,
        @DefaultValue("false") boolean allowInsecureHttp,
        @DefaultValue("500") int chunkSize,
        @DefaultValue("false") boolean synchronousCommit,
        @DefaultValue("0.01") double maxRejectRatio,
        @DefaultValue("default") String account,
        @DefaultValue("1h") Duration lastSeenResolution,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("60s") Duration requestTimeout,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("2m") Duration retryMaxWait,
        @DefaultValue("2") int prefetchPages,
        @DefaultValue("25s") Duration shutdownGracePeriod,
        @DefaultValue("0") double maxRequestsPerSecond,
        @DefaultValue("false") boolean failWhenUnreconciled,
        @DefaultValue("false") boolean fullScan,
        @DefaultValue("24h") Duration fullScanInterval,
        @DefaultValue("1h") Duration incrementalOverlap,
        @DefaultValue("50") int progressEveryPages,
        @DefaultValue("auto") String progressBar,
        String pushgatewayUrl,
        List<String> endpointIds,
        @DefaultValue("4MB") DataSize maxItemBytes,
        @DefaultValue("32MB") DataSize maxPageBytes) {

    public ArkProperties {
        endpointIds = endpointIds == null ? List.of()
                : endpointIds.stream().map(String::trim).filter(id -> !id.isEmpty()).distinct().toList();
    }

    public static final int API_MAX_PAGE_SIZE = 500;

    public static final int API_MAX_PAGE_NUM = 500;

    /** Values of {@code ark.progress-bar}. */
    public static final String PROGRESS_BAR_AUTO = "auto";

    public static final String PROGRESS_BAR_OFF = "off";

    /** Whether a progress bar may be shown at all ({@code ark.progress-bar=auto}, in any letter case). */
    public boolean progressBarAllowed() {
        return PROGRESS_BAR_AUTO.equalsIgnoreCase(progressBar.trim());
    }

    /**
     * These settings for one account of a multi-account run ({@code ark.accounts[i]}): its own name, base URL, key,
     * filters, pacing and endpoint ids, everything else shared.
     */
    public ArkProperties withAccount(String name, String accountBaseUrl, String accountApiKey, Filter accountFilter,
            double accountMaxRequestsPerSecond, List<String> accountEndpointIds) {
        return new ArkProperties(accountBaseUrl, accountApiKey, pageSize, maxPageNum, accountFilter, allowInsecureHttp,
                chunkSize, synchronousCommit, maxRejectRatio, name, lastSeenResolution, connectTimeout, requestTimeout,
                maxAttempts, retryMaxWait, prefetchPages, shutdownGracePeriod, accountMaxRequestsPerSecond,
                failWhenUnreconciled, fullScan, fullScanInterval, incrementalOverlap, progressEveryPages, progressBar,
                pushgatewayUrl, accountEndpointIds, maxItemBytes, maxPageBytes);
    }

    /** Whether the run's metrics are pushed to a Pushgateway. */
    public boolean pushgatewayConfigured() {
        return pushgatewayUrl != null && !pushgatewayUrl.isBlank();
    }

    /**
     * Listing filters sent as {@code filter.*} query parameters.
     *
     * @param status one status, or empty for all
     * @param model one model or endpoint id, or empty for all
     * @param taskIds exact ids ({@code ARK_FILTER_TASK_IDS=a,b,c}), or empty for all
     * @param serviceTier {@code default} or {@code flex}; empty reads both tiers, because the API's own
     *        default hides flex tasks
     */
    public record Filter(String status, String model, List<String> taskIds, String serviceTier) {

        public Filter {
            taskIds = taskIds == null ? List.of()
                    : taskIds.stream().map(String::trim).filter(id -> !id.isEmpty()).distinct().toList();
        }
    }
}
