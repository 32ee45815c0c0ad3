package io.arktasksync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;


/** {@code ARK_ENDPOINT_IDS}: endpoint ids to narrow by model with, bound as a comma-separated list. */
class EndpointIdsSettingTest {

    @Test
    void shouldBindTrimmedDistinctEndpointIds() {
        // when
        AccountSettings properties = bind(" ep-20250101-abc , ep-b,,ep-b");

        // then
        assertThat(properties.endpointIds()).containsExactly("ep-20250101-abc", "ep-b");
        assertThatCode(() -> check(" ep-20250101-abc , ep-b,,ep-b")).doesNotThrowAnyException();
        assertThat(bind(null).endpointIds()).isEmpty();
    }

    @Test
    void shouldRefuseAModelNameInOneLine() {
        assertThatThrownBy(() -> check("ep-a,doubao-seedance-1-0-pro"))
            .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems()).singleElement()
                .asString()
                .contains("ARK_ENDPOINT_IDS")
                .contains("'doubao-seedance-1-0-pro'"));
    }

    private static AccountSettings bind(String endpointIds) {
        return SettingsBinding.of(values(endpointIds)).bindUnchecked("ark", AccountSettings.class);
    }

    /** The check the application runs before it starts, for a command that does not call the API. */
    private static void check(String endpointIds) {
        SettingsCheck.check(SettingsBinding.of(values(endpointIds)), false, null, List.of());
    }

    private static Map<String, Object> values(String endpointIds) {
        return endpointIds == null ? Map.of() : Map.of("ark.endpoint-ids", endpointIds);
    }
}
