package io.arktasksync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import java.util.List;

import org.junit.jupiter.api.Test;


/** The account list, bound by Spring Boot from properties as the application binds it, and resolved. */
class AccountsTest {

    @Test
    void shouldKeepTheSingleAccountConfiguredTheOldWay() {
        // when
        Accounts accounts = resolve(Map.of("ark.base-url", "https://ark.example.com/api/v3", "ark.api-key", "k1",
                "ark.account", "prod"));

        // then
        assertThat(accounts.all()).extracting(AccountSettings::account).containsExactly("prod");
        assertThat(accounts.named("prod").baseUrl()).isEqualTo("https://ark.example.com/api/v3");
        assertThat(accounts.named("prod").apiKey()).isEqualTo("k1");
    }

    @Test
    void shouldGiveEachListedAccountItsOwnSettingsAndTheTopLevelOnesForTheRest() {
        // when
        Map<String, String> properties = Map.of(
                "ark.base-url", "https://ark.example.com/api/v3",
                "ark.page-size", "100",
                "ark.max-requests-per-second", "5",
                "ark.accounts[0].name", "team-a",
                "ark.accounts[0].api-key", "key-a",
                "ark.accounts[1].name", "team-b",
                "ark.accounts[1].base-url", "https://other.example.com/api/v3",
                "ark.accounts[1].api-key", "key-b",
                "ark.accounts[1].filter.service-tier", "flex",
                "ark.accounts[1].max-requests-per-second", "1");
        Accounts accounts = resolve(properties);

        // then
        assertThat(accounts.all()).extracting(AccountSettings::account).containsExactly("team-a", "team-b");
        AccountSettings a = accounts.named("team-a");
        AccountSettings b = accounts.named("team-b");
        assertThat(a.baseUrl()).isEqualTo("https://ark.example.com/api/v3");
        assertThat(a.apiKey()).isEqualTo("key-a");
        assertThat(a.maxRequestsPerSecond()).isEqualTo(5);
        assertThat(a.filter().serviceTier()).isNull();
        assertThat(b.baseUrl()).isEqualTo("https://other.example.com/api/v3");
        assertThat(b.apiKey()).isEqualTo("key-b");
        assertThat(b.filter().serviceTier()).isEqualTo(ServiceTier.FLEX);
        assertThat(b.maxRequestsPerSecond()).isEqualTo(1);
        assertThat(SettingsBinding.of(properties).bindUnchecked("ark", ListingSettings.class).pageSize()).as("shared")
            .isEqualTo(100);
        assertThatThrownBy(() -> accounts.named("team-c")).hasMessageContaining("team-c");
    }

    @Test
    void shouldGiveEachAccountItsOwnEndpointIdsOrTheTopLevelOnes() {
        // when: endpoints belong to an account
        Accounts accounts = resolve(Map.of(
                "ark.base-url", "https://ark.example.com/api/v3",
                "ark.endpoint-ids", "ep-20250101000000-top",
                "ark.accounts[0].name", "team-a",
                "ark.accounts[0].api-key", "key-a",
                "ark.accounts[0].endpoint-ids", " ep-20250101000000-aaaaa , ep-20250101000000-bbbbb",
                "ark.accounts[1].name", "team-b",
                "ark.accounts[1].api-key", "key-b"));

        // then
        assertThat(accounts.named("team-a").endpointIds())
            .containsExactly("ep-20250101000000-aaaaa", "ep-20250101000000-bbbbb");
        assertThat(accounts.named("team-b").endpointIds()).containsExactly("ep-20250101000000-top");
    }

    @Test
    void shouldNameAnAccountsBadEndpointId() {
        assertThatThrownBy(() -> resolve(Map.of(
                "ark.accounts[0].name", "team-a",
                "ark.accounts[0].base-url", "https://ark.example.com/api/v3",
                "ark.accounts[0].api-key", "k",
                "ark.accounts[0].endpoint-ids", "doubao-seedance-1-0-pro")))
            .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems()).singleElement()
                .satisfies(problem -> assertThat(problem).contains("ark.accounts[0] (team-a)")
                    .contains("endpoint ids").contains("'doubao-seedance-1-0-pro'")));
    }

    @Test
    void shouldNameEveryBadAccountSetting() {
        // when
        InvalidSettingsException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidSettingsException.class,
                () -> resolve(Map.of(
                        "ark.account-concurrency", "0",
                        "ark.accounts[0].name", "team a",
                        "ark.accounts[0].base-url", "https://ark.example.com/api/v3",
                        "ark.accounts[0].api-key", "k",
                        "ark.accounts[1].name", "team-b",
                        "ark.accounts[1].base-url", "https://ark.example.com/api/v3",
                        "ark.accounts[2].name", "team-b",
                        "ark.accounts[2].base-url", "ftp://ark.example.com",
                        "ark.accounts[2].api-key", "k")));

        // then
        assertThat(e.problems()).hasSize(4);
        assertThat(e.problems().get(0)).contains("ARK_ACCOUNT_CONCURRENCY");
        assertThat(e.problems().get(1)).contains("ark.accounts[0].name").contains("'team a'");
        assertThat(e.problems().get(2)).startsWith("ark.accounts[1] (team-b) sets its own base-url but no api-key");
        assertThat(e.problems().get(3)).contains("ark.accounts[2].name 'team-b' is used twice");
    }

    @Test
    void shouldNeverSendTheTopLevelKeyToAnAccountsOwnBaseUrl() {
        // given
        Map<String, String> properties = Map.of(
                "ark.base-url", "https://ark.example.com/api/v3",
                "ark.api-key", "top-level-key",
                "ark.accounts[0].name", "team-a",
                "ark.accounts[1].name", "team-b",
                "ark.accounts[1].base-url", "https://relay.example.org/volc/v1");

        // when
        InvalidSettingsException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidSettingsException.class,
                () -> resolve(properties));

        // then: one line naming the entry; the entry without a base-url of its own may inherit the key
        assertThat(e.problems()).singleElement().satisfies(problem -> assertThat(problem)
            .startsWith("ark.accounts[1] (team-b) sets its own base-url but no api-key")
            .doesNotContain("top-level-key"));
        Accounts forTheReport = resolve(properties, false);
        assertThat(forTheReport.named("team-a").apiKey()).isEqualTo("top-level-key");
        assertThat(forTheReport.named("team-b").apiKey()).isNull();
    }

    @Test
    void shouldNotNeedKeysForTheReport() {
        assertThat(resolve(Map.of("ark.accounts[0].name", "team-a"), false).all()).hasSize(1);
    }

    private static Accounts resolve(Map<String, String> properties) {
        return resolve(properties, true);
    }

    private static Accounts resolve(Map<String, String> properties, boolean needsApi) {
        return SettingsCheck.check(SettingsBinding.of(properties), needsApi, null, List.of());
    }

}
