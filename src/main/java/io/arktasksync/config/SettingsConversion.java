package io.arktasksync.config;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.support.ConfigurableConversionService;

/**
 * How the closed sets among the settings are spelled. Boot's own enum conversion is lenient (any letter case,
 * {@code false} for {@code off}); these keep the spellings the settings have always accepted, and their one-line
 * refusals. Used by {@link SettingsCheck} before the context starts and by the context's own binding (where Boot
 * falls back to its lenient conversion when these refuse: only values the check accepted ever get there).
 */
@Configuration(proxyBeanMethods = false)
public class SettingsConversion {

    /** The conversions Boot binds settings with, plus these. */
    static ConfigurableConversionService conversionService() {
        ApplicationConversionService service = new ApplicationConversionService();
        service.addConverter(new ServiceTierConverter());
        service.addConverter(new ProgressBarConverter());
        return service;
    }

    @Bean
    @ConfigurationPropertiesBinding
    static ServiceTierConverter serviceTierConverter() {
        return new ServiceTierConverter();
    }

    @Bean
    @ConfigurationPropertiesBinding
    static ProgressBarConverter progressBarConverter() {
        return new ProgressBarConverter();
    }

    static final class ServiceTierConverter implements Converter<String, ServiceTier> {

        @Override
        public ServiceTier convert(String source) {
            return ServiceTier.parse(source);
        }
    }

    static final class ProgressBarConverter implements Converter<String, ProgressBar> {

        @Override
        public ProgressBar convert(String source) {
            return ProgressBar.parse(source);
        }
    }
}
