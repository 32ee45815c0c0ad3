package io.arktasksync.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * The closed sets bind in the application context as the start-up check reads them (spaces and letter case of
 * ark.progress-bar, an empty tier for both). What the check refuses never reaches the context: there Boot would fall
 * back to its lenient enum conversion when these converters refuse.
 */
class SettingsConversionTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ AccountSettings.class, MonitoringSettings.class })
    static class Records {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
        .withUserConfiguration(SettingsConversion.class, Records.class);

    @Test
    void shouldBindTheAcceptedSpellingsInTheContext() {
        context.withPropertyValues("ark.progress-bar= Off ", "ark.filter.service-tier=flex").run(started -> {
            assertThat(started.getBean(MonitoringSettings.class).progressBar()).isEqualTo(ProgressBar.OFF);
            assertThat(started.getBean(AccountSettings.class).filter().serviceTier()).isEqualTo(ServiceTier.FLEX);
        });
    }

    @Test
    void shouldReadAnEmptyTierAsBothTiersInTheContext() {
        context.withPropertyValues("ark.filter.service-tier=").run(started -> assertThat(
                started.getBean(AccountSettings.class).filter().serviceTier()).isNull());
    }
}
