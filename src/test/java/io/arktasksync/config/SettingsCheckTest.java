package io.arktasksync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsCheckTest {

    private static final String KEY = "sk-validator-0123456789";

    @Test
    void shouldAcceptTheDefaultsWithAnHttpsUrlAndAKey() {
        // given
        Configured properties = new Settings().build();

        // when / then
        assertThatCode(() -> properties.validate(true)).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseAMissingBaseUrlNamingTheEnvVar() {
        // given
        Configured properties = new Settings().baseUrl(null).build();

        // when
        InvalidSettingsException e = invalid(properties);

        // then
        assertThat(e.problems()).singleElement().asString().contains("ARK_BASE_URL").contains("not set");
    }

    @Test
    void shouldRefuseABlankApiKeyNamingTheEnvVar() {
        // given
        Configured properties = new Settings().apiKey("  ").build();

        // when
        InvalidSettingsException e = invalid(properties);

        // then
        assertThat(e.problems()).singleElement().asString().contains("ARK_API_KEY");
    }

    @Test
    void shouldNotNeedUrlOrKeyWhenTheApiIsNotCalled() {
        // given
        Configured properties = new Settings().baseUrl(null).apiKey(null).build();

        // when / then
        assertThatCode(() -> properties.validate(false)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = { "ftp://ark.example.com/api/v3", "file:///etc/passwd", "ark.cn-beijing.volces.com/api/v3",
        "mailto:ops@example.com", "https:///api/v3", "http//ark.example.com" })
    void shouldRefuseAUrlThatIsNotAbsoluteHttp(String url) {
        // given
        Configured properties = new Settings().baseUrl(url).build();

        // when
        InvalidSettingsException e = invalid(properties);

        // then
        assertThat(e.getMessage()).contains("ARK_BASE_URL");
    }

    @Test
    void shouldRefuseAUrlThatIsNotAUrl() {
        // given
        Configured properties = new Settings().baseUrl("https://ark example.com/api v3").build();

        // when
        InvalidSettingsException e = invalid(properties);

        // then
        assertThat(e.getMessage()).contains("ARK_BASE_URL").contains("not a valid URL");
    }

    @Test
    void shouldRefuseCredentialsQueryOrFragmentInTheUrl() {
        // given
        Configured withUser = new Settings().baseUrl("https://user:pass@ark.example.com/api/v3").build();
        Configured withQuery = new Settings().baseUrl("https://ark.example.com/api/v3?x=1").build();
        Configured withFragment = new Settings().baseUrl("https://ark.example.com/api/v3#top").build();

        // then
        assertThat(invalid(withUser).getMessage()).contains("ARK_BASE_URL").contains("credentials");
        assertThat(invalid(withQuery).getMessage()).contains("query or fragment");
        assertThat(invalid(withFragment).getMessage()).contains("query or fragment");
    }

    @Test
    void shouldRefusePlainHttpToAPublicHost() {
        // given
        Configured properties = new Settings().baseUrl("http://relay.example.com/volc/v1").build();

        // when
        InvalidSettingsException e = invalid(properties);

        // then
        assertThat(e.getMessage()).contains("ARK_BASE_URL").contains("plain http").contains("relay.example.com")
            .contains("ARK_ALLOW_INSECURE_HTTP");
    }

    @Test
    void shouldAllowPlainHttpToAPublicHostWhenAllowed() {
        // given
        Configured properties = new Settings().baseUrl("http://relay.example.com/volc/v1").allowInsecureHttp(true)
            .build();

        // when / then
        assertThatCode(() -> properties.validate(true)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://127.0.0.1:8080/api/v3", "http://localhost:8080/api/v3", "http://LOCALHOST/api/v3",
        "http://[::1]:8080/api/v3", "http://127.1.2.3/volc/v1" })
    void shouldAllowPlainHttpToLoopback(String url) {
        // given
        Configured properties = new Settings().baseUrl(url).build();

        // when / then
        assertThatCode(() -> properties.validate(true)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://127.attacker.example/api/v3", "http://127.0.0.1.nip.io/api/v3" })
    void shouldRefusePlainHttpToAHostNameThatOnlyStartsWith127(String url) {
        // given
        Configured properties = new Settings().baseUrl(url).build();

        // when
        InvalidSettingsException e = invalid(properties);

        // then
        assertThat(e.getMessage()).contains("plain http");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({ "1KB, 32MB, ARK_MAX_ITEM_BYTES", "512MB, 1GB, ARK_MAX_ITEM_BYTES",
            "4MB, 1MB, ARK_MAX_PAGE_BYTES", "4MB, 2GB, ARK_MAX_PAGE_BYTES" })
    void shouldRefuseItemAndPageBoundsThatCannotHoldAPage(String item, String page, String named) {
        // given
        Configured properties = new Settings().sizes(item, page).build();

        // when
        InvalidSettingsException e = invalid(properties);

        // then
        assertThat(e.problems()).singleElement().asString().contains(named);
    }

    @Test
    void shouldDefaultToBoundsNoRealItemOrPageReaches() {
        Configured properties = new Settings().build();

        assertThat(properties.maxItemBytes().toMegabytes()).isEqualTo(4);
        assertThat(properties.maxPageBytes().toMegabytes()).isEqualTo(32);
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, -1, 501 })
    void shouldRefuseAPageSizeOutsideTheApiRange(int pageSize) {
        // given
        Configured properties = new Settings().pageSize(pageSize).build();

        // when
        InvalidSettingsException e = invalid(properties);

        // then
        assertThat(e.problems()).singleElement().asString().contains("ARK_PAGE_SIZE").contains("1 and 500")
            .contains(String.valueOf(pageSize));
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 500 })
    void shouldAcceptThePageSizeBounds(int pageSize) {
        // given
        Configured properties = new Settings().pageSize(pageSize).build();

        // when / then
        assertThatCode(() -> properties.validate(true)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = { "Flex", "online", "offline", "default,flex" })
    void shouldRefuseAnUnknownServiceTier(String tier) {
        // given
        Configured properties = new Settings().serviceTier(tier).build();

        // when
        InvalidSettingsException e = invalid(properties);

        // then
        assertThat(e.problems()).singleElement().asString().contains("ARK_FILTER_SERVICE_TIER").contains(tier);
    }

    @ParameterizedTest
    @ValueSource(strings = { "default", "flex", "", " " })
    void shouldAcceptAKnownOrEmptyServiceTier(String tier) {
        // given
        Configured properties = new Settings().serviceTier(tier).build();

        // when / then
        assertThatCode(() -> properties.validate(true)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(doubles = { -0.01, 1.01, Double.NaN, Double.POSITIVE_INFINITY })
    void shouldRefuseARejectRatioOutOfRange(double ratio) {
        // given
        Configured properties = new Settings().maxRejectRatio(ratio).build();

        // when
        InvalidSettingsException e = invalid(properties);

        // then
        assertThat(e.problems()).singleElement().asString().contains("ARK_MAX_REJECT_RATIO");
    }

    @ParameterizedTest
    @ValueSource(doubles = { 0, 0.5, 1 })
    void shouldAcceptARejectRatioInRange(double ratio) {
        // given
        Configured properties = new Settings().maxRejectRatio(ratio).build();

        // when / then
        assertThatCode(() -> properties.validate(true)).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseOtherBadKnobs() {
        // given
        Configured properties = new Settings().maxPageNum(501).chunkSize(0).maxAttempts(0).account(" ")
            .connectTimeout(Duration.ZERO).requestTimeout(Duration.ofSeconds(-1)).build();

        // when
        InvalidSettingsException e = invalid(properties);

        // then
        assertThat(e.getMessage()).contains("ARK_MAX_PAGE_NUM").contains("ARK_CHUNK_SIZE").contains("ARK_MAX_ATTEMPTS")
            .contains("ARK_ACCOUNT").contains("ARK_CONNECT_TIMEOUT").contains("ARK_REQUEST_TIMEOUT");
        assertThat(e.problems()).hasSize(6);
    }

    @ParameterizedTest
    @ValueSource(ints = { -1, 17 })
    void shouldRefusePrefetchPagesOutOfRange(int prefetchPages) {
        // given
        Configured properties = new Settings().prefetchPages(prefetchPages).build();

        // when
        InvalidSettingsException e = invalid(properties);

        // then
        assertThat(e.problems()).singleElement().asString().contains("ARK_PREFETCH_PAGES");
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 16 })
    void shouldAcceptPrefetchPagesInRange(int prefetchPages) {
        // given
        Configured properties = new Settings().prefetchPages(prefetchPages).build();

        // when / then
        assertThatCode(() -> properties.validate(true)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = { "auto", "off", "OFF", " Auto " })
    void shouldAcceptTheProgressBarSettings(String value) {
        // given
        Configured properties = new Settings().progressBar(value).build();

        // when / then
        assertThatCode(() -> properties.validate(true)).doesNotThrowAnyException();
        assertThat(properties.progressBarAllowed()).isEqualTo(value.trim().equalsIgnoreCase("auto"));
    }

    @Test
    void shouldAllowTheProgressBarByDefault() {
        // given / when
        Configured properties = new Settings().build();

        // then
        assertThat(properties.progressBarAllowed()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "on", "true", "", "false" })
    void shouldRefuseAnUnknownProgressBarSetting(String value) {
        // given
        Configured properties = new Settings().progressBar(value).build();

        // when
        InvalidSettingsException e = invalid(properties);

        // then
        assertThat(e.problems()).singleElement().asString().contains("ARK_PROGRESS_BAR").contains("'auto' or 'off'");
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://pushgateway:9091", "https://push.example.com/prefix/", "http://10.0.0.7:9091" })
    void shouldAcceptAPushgatewayUrl(String url) {
        // given
        Configured properties = new Settings().pushgatewayUrl(url).build();

        // when / then
        assertThatCode(() -> properties.validate(true)).doesNotThrowAnyException();
        assertThat(properties.pushgatewayConfigured()).isTrue();
    }

    @Test
    void shouldPushNowhereByDefault() {
        // given / when
        Configured properties = new Settings().build();

        // then
        assertThat(properties.pushgatewayConfigured()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "pushgateway:9091", "ftp://pushgateway", "http://push gateway:9091",
        "http://pushgateway:9091?job=x" })
    void shouldRefuseAPushgatewayUrlThatIsNotAPlainHttpUrl(String url) {
        // given
        Configured properties = new Settings().pushgatewayUrl(url).build();

        // when
        InvalidSettingsException e = invalid(properties);

        // then
        assertThat(e.problems()).singleElement().asString().contains("ARK_PUSHGATEWAY_URL");
    }

    @Test
    void shouldRefuseCredentialsInThePushgatewayUrlWithoutShowingThem() {
        // given
        Configured properties = new Settings().pushgatewayUrl("https://ops:s3cret-pw@push.example.com").build();

        // when
        InvalidSettingsException e = invalid(properties);

        // then
        assertThat(e.getMessage()).contains("ARK_PUSHGATEWAY_URL").contains("credentials").doesNotContain("s3cret-pw");
    }

    @Test
    void shouldReportEveryProblemInOneMessage() {
        // given
        Configured properties = new Settings().baseUrl("http://relay.example.com").apiKey(null).pageSize(0)
            .serviceTier("both").maxRejectRatio(2).build();

        // when
        InvalidSettingsException e = invalid(properties);

        // then
        assertThat(e.problems()).hasSize(5);
        assertThat(e.getMessage()).startsWith("Invalid configuration: ").doesNotContain("\n")
            .contains("ARK_BASE_URL").contains("ARK_API_KEY").contains("ARK_PAGE_SIZE")
            .contains("ARK_FILTER_SERVICE_TIER").contains("ARK_MAX_REJECT_RATIO");
    }

    @Test
    void shouldNeverPutTheKeyInTheMessage() {
        // given
        Configured properties = new Settings().baseUrl("http://relay.example.com").pageSize(0).build();

        // when
        InvalidSettingsException e = invalid(properties);

        // then
        assertThat(e.getMessage()).doesNotContain(KEY);
    }

    // ---------------------------------------------------------------- helpers

    private static InvalidSettingsException invalid(Configured properties) {
        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class,
                () -> properties.validate(true));
        assertThat(e).as("validation should fail").isNotNull();
        return e;
    }

    /**
     * Settings given as properties, checked the one way the application checks them before it starts
     * ({@link SettingsCheck#check}), and bound as its context binds them.
     */
    private record Configured(Map<String, Object> properties) {

        void validate(boolean needsApi) {
            SettingsCheck.check(SettingsBinding.of(properties), needsApi, null, List.of());
        }

        private <T> T bound(Class<T> type) {
            return SettingsBinding.of(properties).bindUnchecked("ark", type);
        }

        boolean progressBarAllowed() {
            return bound(MonitoringSettings.class).progressBar() == ProgressBar.AUTO;
        }

        boolean pushgatewayConfigured() {
            return bound(MonitoringSettings.class).pushgatewayConfigured();
        }

        DataSize maxItemBytes() {
            return bound(ClientSettings.class).maxItemBytes();
        }

        DataSize maxPageBytes() {
            return bound(ClientSettings.class).maxPageBytes();
        }
    }

    /** Settings with the documented defaults, a valid https URL and a key; each setter changes one knob. */
    private static final class Settings {

        private String baseUrl = "https://ark.cn-beijing.volces.com/api/v3";

        private String apiKey = KEY;

        private int pageSize = 500;

        private int maxPageNum = 500;

        private String serviceTier;

        private boolean allowInsecureHttp;

        private int chunkSize = 500;

        private double maxRejectRatio = 0.01;

        private String account = "default";

        private Duration connectTimeout = Duration.ofSeconds(10);

        private Duration requestTimeout = Duration.ofSeconds(60);

        private int maxAttempts = 5;

        private int prefetchPages = 2;

        private String progressBar;

        private String pushgatewayUrl;

        Settings baseUrl(String value) {
            baseUrl = value;
            return this;
        }

        Settings apiKey(String value) {
            apiKey = value;
            return this;
        }

        Settings pageSize(int value) {
            pageSize = value;
            return this;
        }

        Settings maxPageNum(int value) {
            maxPageNum = value;
            return this;
        }

        Settings serviceTier(String value) {
            serviceTier = value;
            return this;
        }

        Settings allowInsecureHttp(boolean value) {
            allowInsecureHttp = value;
            return this;
        }

        Settings chunkSize(int value) {
            chunkSize = value;
            return this;
        }

        Settings maxRejectRatio(double value) {
            maxRejectRatio = value;
            return this;
        }

        Settings account(String value) {
            account = value;
            return this;
        }

        Settings connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        Settings requestTimeout(Duration value) {
            requestTimeout = value;
            return this;
        }

        Settings maxAttempts(int value) {
            maxAttempts = value;
            return this;
        }

        Settings prefetchPages(int value) {
            prefetchPages = value;
            return this;
        }

        Settings progressBar(String value) {
            progressBar = value;
            return this;
        }

        private String maxItemBytes;

        private String maxPageBytes;

        Settings sizes(String item, String page) {
            maxItemBytes = item;
            maxPageBytes = page;
            return this;
        }

        Settings pushgatewayUrl(String value) {
            pushgatewayUrl = value;
            return this;
        }

        /** Binds like the application does, so every setting not named here keeps its real default. */
        Configured build() {
            Map<String, Object> values = new HashMap<>();
            put(values, "base-url", baseUrl);
            put(values, "api-key", apiKey);
            values.put("page-size", pageSize);
            values.put("max-page-num", maxPageNum);
            put(values, "filter.service-tier", serviceTier);
            values.put("allow-insecure-http", allowInsecureHttp);
            values.put("chunk-size", chunkSize);
            values.put("max-reject-ratio", maxRejectRatio);
            put(values, "account", account);
            put(values, "connect-timeout", connectTimeout == null ? null : connectTimeout.toMillis() + "ms");
            put(values, "request-timeout", requestTimeout == null ? null : requestTimeout.toMillis() + "ms");
            values.put("max-attempts", maxAttempts);
            values.put("prefetch-pages", prefetchPages);
            put(values, "progress-bar", progressBar);
            put(values, "pushgateway-url", pushgatewayUrl);
            put(values, "max-item-bytes", maxItemBytes);
            put(values, "max-page-bytes", maxPageBytes);
            Map<String, Object> prefixed = new HashMap<>();
            values.forEach((key, value) -> prefixed.put("ark." + key, value));
            return new Configured(prefixed);
        }

        private static void put(Map<String, Object> values, String key, String value) {
            if (value != null) {
                values.put(key, value);
            }
        }
    }
}
