package io.arktasksync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code ARK_ENDPOINT_IDS}: endpoint ids to narrow by model with, bound as a comma-separated list. */
class EndpointIdsSettingTest {

    @Test
    void shouldBindTrimmedDistinctEndpointIds() {
        // when
        ArkProperties properties = bind(" ep-20250101-abc , ep-b,,ep-b");

        // then
        assertThat(properties.endpointIds()).containsExactly("ep-20250101-abc", "ep-b");
        assertThatCode(() -> SettingsValidator.validate(properties, false)).doesNotThrowAnyException();
        assertThat(bind(null).endpointIds()).isEmpty();
    }

    @Test
    void shouldRefuseAModelNameInOneLine() {
        assertThatThrownBy(() -> SettingsValidator.validate(bind("ep-a,doubao-seedance-1-0-pro"), false))
            .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems()).singleElement()
                .asString()
                .contains("ARK_ENDPOINT_IDS")
                .contains("'doubao-seedance-1-0-pro'"));
    }

    private static ArkProperties bind(String endpointIds) {
        Map<String, Object> values = endpointIds == null ? Map.of() : Map.of("ark.endpoint-ids", endpointIds);
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("ark", ArkProperties.class);
    }
}
