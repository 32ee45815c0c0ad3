package io.arktasksync.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks of settings that constraints on the records cannot express: URLs, the key, bounds that depend on each
 * other. Run by {@link SettingsCheck} with the constraints, so that a typo costs one line of output and exit code 2
 * instead of a stack trace halfway through a sync.
 */
final class SettingsValidator {

    private static final Pattern IPV4_LOOPBACK = Pattern
        .compile("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){2}");

    private static final Pattern ENDPOINT_ID = Pattern.compile("ep-[A-Za-z0-9_-]+");

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private SettingsValidator() {
    }

    /**
     * @param needsApi false for commands that never call the API (report), and for the top-level settings when
     *        ark.accounts lists the accounts (each is checked instead)
     * @return one line per problem with an account's own settings
     */
    static List<String> accountProblems(AccountSettings account, boolean allowInsecureHttp, boolean needsApi) {
        List<String> problems = new ArrayList<>();
        if (needsApi) {
            checkBaseUrl(account.baseUrl(), allowInsecureHttp, problems);
            if (account.apiKey() == null || account.apiKey().isBlank()) {
                problems.add("ARK_API_KEY (ark.api-key) is not set");
            }
            else if (!account.apiKey().chars().allMatch(c -> c > ' ' && c < 0x7f)) {
                // The HTTP client would refuse the header with a message that quotes it, key and all.
                problems.add("ARK_API_KEY (ark.api-key) contains a space, a line break or another character that an "
                        + "HTTP header cannot carry (a trailing newline from a secret file?); the value is not shown");
            }
        }
        account.endpointIds().stream().filter(id -> !ENDPOINT_ID.matcher(id).matches()).findFirst()
            .ifPresent(id -> problems.add("ARK_ENDPOINT_IDS (ark.endpoint-ids) must list endpoint ids such as "
                    + "'ep-20250101000000-abcde', got '" + id + "'"));
        return problems;
    }

    /** @return one line per problem with the item and page bounds */
    static List<String> clientProblems(ClientSettings client) {
        List<String> problems = new ArrayList<>();
        checkSizes(client, problems);
        return problems;
    }

    /** @return one line when the Pushgateway's URL is set but unusable */
    static List<String> monitoringProblems(MonitoringSettings monitoring) {
        List<String> problems = new ArrayList<>();
        if (monitoring.pushgatewayConfigured()) {
            checkPushgatewayUrl(monitoring.pushgatewayUrl(), problems);
        }
        return problems;
    }

    private static void checkBaseUrl(String baseUrl, boolean allowInsecureHttp, List<String> problems) {
        String setting = "ARK_BASE_URL (ark.base-url)";
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
        if (scheme.equals("http") && !isLoopback(uri.getHost()) && !allowInsecureHttp) {
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

    /** Bounds that keep a page within the heap: an item limit of at least 64 KB, a page limit not below it. */
    private static void checkSizes(ClientSettings properties, List<String> problems) {
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
}
