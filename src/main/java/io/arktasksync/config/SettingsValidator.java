package io.arktasksync.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks {@link ArkProperties} before any request or database connection, so that a typo costs one line of
 * output and exit code 2 instead of a stack trace halfway through a sync.
 */
public final class SettingsValidator {

    private static final Set<String> SERVICE_TIERS = Set.of("default", "flex");

    private static final Pattern IPV4_LOOPBACK = Pattern
        .compile("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){2}");

    private static final Pattern ENDPOINT_ID = Pattern.compile("ep-[A-Za-z0-9_-]+");

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private SettingsValidator() {
    }

    /**
     * @param needsApi false for commands that never call the API (report)
     * @throws InvalidSettingsException naming every bad setting
     */
    public static void validate(ArkProperties properties, boolean needsApi) {
        List<String> problems = new ArrayList<>();
        if (needsApi) {
            checkBaseUrl(properties, problems);
            if (properties.apiKey() == null || properties.apiKey().isBlank()) {
                problems.add("ARK_API_KEY (ark.api-key) is not set");
            }
            else if (!properties.apiKey().chars().allMatch(c -> c > ' ' && c < 0x7f)) {
                // The HTTP client would refuse the header with a message that quotes it, key and all.
                problems.add("ARK_API_KEY (ark.api-key) contains a space, a line break or another character that an "
                        + "HTTP header cannot carry (a trailing newline from a secret file?); the value is not shown");
            }
        }
        checkRange("ARK_PAGE_SIZE (ark.page-size)", properties.pageSize(), 1, ArkProperties.API_MAX_PAGE_SIZE, problems);
        checkRange("ARK_MAX_PAGE_NUM (ark.max-page-num)", properties.maxPageNum(), 1, ArkProperties.API_MAX_PAGE_NUM,
                problems);
        checkRange("ARK_CHUNK_SIZE (ark.chunk-size)", properties.chunkSize(), 1, 100_000, problems);
        checkRange("ARK_MAX_ATTEMPTS (ark.max-attempts)", properties.maxAttempts(), 1, 100, problems);
        checkRange("ARK_PREFETCH_PAGES (ark.prefetch-pages)", properties.prefetchPages(), 0, 16, problems);
        checkSizes(properties, problems);
        if (!(properties.maxRejectRatio() >= 0 && properties.maxRejectRatio() <= 1)) {
            problems.add("ARK_MAX_REJECT_RATIO (ark.max-reject-ratio) must be between 0 and 1, got "
                    + properties.maxRejectRatio());
        }
        if (!(properties.maxRequestsPerSecond() >= 0 && properties.maxRequestsPerSecond() <= 1000)) {
            problems.add("ARK_MAX_REQUESTS_PER_SECOND (ark.max-requests-per-second) must be between 0 (no limit) and "
                    + "1000, got " + properties.maxRequestsPerSecond());
        }
        String tier = properties.filter().serviceTier();
        if (tier != null && !tier.isBlank() && !SERVICE_TIERS.contains(tier)) {
            problems.add("ARK_FILTER_SERVICE_TIER (ark.filter.service-tier) must be 'default' or 'flex', got '" + tier
                    + "'");
        }
        if (properties.account() == null || properties.account().isBlank()) {
            problems.add("ARK_ACCOUNT (ark.account) must not be blank");
        }
        checkPositive("ARK_CONNECT_TIMEOUT (ark.connect-timeout)", properties.connectTimeout(), problems);
        checkPositive("ARK_REQUEST_TIMEOUT (ark.request-timeout)", properties.requestTimeout(), problems);
        checkPositive("ARK_SHUTDOWN_GRACE_PERIOD (ark.shutdown-grace-period)", properties.shutdownGracePeriod(),
                problems);
        checkPositive("ARK_FULL_SCAN_INTERVAL (ark.full-scan-interval)", properties.fullScanInterval(), problems);
        checkPositive("ARK_INCREMENTAL_OVERLAP (ark.incremental-overlap)", properties.incrementalOverlap(), problems);
        String progressBar = properties.progressBar().trim();
        if (!progressBar.equalsIgnoreCase(ArkProperties.PROGRESS_BAR_AUTO)
                && !progressBar.equalsIgnoreCase(ArkProperties.PROGRESS_BAR_OFF)) {
            problems.add("ARK_PROGRESS_BAR (ark.progress-bar) must be 'auto' or 'off', got '" + progressBar + "'");
        }
        if (properties.pushgatewayConfigured()) {
            checkPushgatewayUrl(properties.pushgatewayUrl(), problems);
        }
        properties.endpointIds().stream().filter(id -> !ENDPOINT_ID.matcher(id).matches()).findFirst()
            .ifPresent(id -> problems.add("ARK_ENDPOINT_IDS (ark.endpoint-ids) must list endpoint ids such as "
                    + "'ep-20250101000000-abcde', got '" + id + "'"));
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
    }

    private static void checkBaseUrl(ArkProperties properties, List<String> problems) {
        String setting = "ARK_BASE_URL (ark.base-url)";
        String baseUrl = properties.baseUrl();
        if (baseUrl == null || baseUrl.isBlank()) {
            problems.add(setting + " is not set; use e.g. https://ark.cn-beijing.volces.com/api/v3");
            return;
        }
        URI uri;
        try {
            uri = new URI(baseUrl.trim());
        }
        catch (URISyntaxException e) {
            problems.add(setting + " is not a valid URL: " + e.getMessage());
            return;
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            problems.add(setting + " must be an absolute http(s) URL such as https://ark.cn-beijing.volces.com/api/v3, got '"
                    + baseUrl + "'");
            return;
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            problems.add(setting + " must not contain a query or fragment");
        }
        if (uri.getUserInfo() != null) {
            problems.add(setting + " must not contain credentials; put the key in ARK_API_KEY");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost()) && !properties.allowInsecureHttp()) {
            problems.add(setting + " uses plain http to " + uri.getHost()
                    + ", which would send the API key unencrypted; use https or set ARK_ALLOW_INSECURE_HTTP=true");
        }
    }

    /** The Pushgateway's base URL: the job appends {@code /metrics/job/...}. */
    private static void checkPushgatewayUrl(String url, List<String> problems) {
        String setting = "ARK_PUSHGATEWAY_URL (ark.pushgateway-url)";
        URI uri;
        try {
            uri = new URI(url.trim());
        }
        catch (URISyntaxException e) {
            problems.add(setting + " is not a valid URL: " + e.getMessage());
            return;
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            problems.add(setting + " must be an absolute http(s) URL such as http://pushgateway:9091");
            return;
        }
        if (uri.getUserInfo() != null) {
            // It would appear in the warning a failed push logs; and the push sends no credentials.
            problems.add(setting + " must not contain credentials");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            problems.add(setting + " must not contain a query or fragment");
        }
    }

    /** Loopback by name or address literal only: a DNS name such as {@code 127.0.0.1.nip.io} may point anywhere. */
    static boolean isLoopback(String host) {
        return LOOPBACK_HOSTS.contains(host.toLowerCase(Locale.ROOT)) || IPV4_LOOPBACK.matcher(host).matches();
    }

    private static void checkRange(String setting, int value, int min, int max, List<String> problems) {
        if (value < min || value > max) {
            problems.add(setting + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    /** Bounds that keep a page within the heap: an item limit of at least 64 KB, a page limit not below it. */
    private static void checkSizes(ArkProperties properties, List<String> problems) {
        long item = properties.maxItemBytes() == null ? -1 : properties.maxItemBytes().toBytes();
        long page = properties.maxPageBytes() == null ? -1 : properties.maxPageBytes().toBytes();
        if (item < MIN_ITEM_BYTES || item > MAX_ITEM_BYTES) {
            problems.add("ARK_MAX_ITEM_BYTES (ark.max-item-bytes) must be between 64KB and 256MB, got "
                    + properties.maxItemBytes());
        }
        else if (page < item || page > MAX_PAGE_BYTES) {
            problems.add("ARK_MAX_PAGE_BYTES (ark.max-page-bytes) must be between ark.max-item-bytes (" + item
                    + " bytes) and 1GB, got " + properties.maxPageBytes());
        }
    }

    private static final long MIN_ITEM_BYTES = 64L * 1024;

    private static final long MAX_ITEM_BYTES = 256L * 1024 * 1024;

    private static final long MAX_PAGE_BYTES = 1024L * 1024 * 1024;

    private static void checkPositive(String setting, java.time.Duration value, List<String> problems) {
        if (value == null || value.isNegative() || value.isZero()) {
            problems.add(setting + " must be a positive duration such as 10s, got " + value);
        }
    }
}
