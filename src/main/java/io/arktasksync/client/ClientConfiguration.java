package io.arktasksync.client;

import java.time.Clock;

import io.arktasksync.config.ArkProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ClientConfiguration {

    /**
     * The mapper for API items. Decimals stay BigDecimal so that {@code raw} keeps the digits the API sent rather
     * than a double's rounding.
     */
    @Bean
    JsonMapper arkJsonMapper() {
        return JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Lazy: only the sync's job- and step-scoped beans use the client, and the report runs without a base URL or
     * key, with which the client cannot be built.
     */
    @Bean
    @Lazy
    ArkApiClient arkApiClient(ArkProperties properties, JsonMapper arkJsonMapper, Clock clock) {
        return new ArkApiClient(properties.baseUrl(), properties.apiKey(),
                new ArkApiClient.Settings(properties.connectTimeout(), properties.requestTimeout(),
                        properties.maxAttempts(), properties.retryMaxWait(), properties.maxRequestsPerSecond()),
                arkJsonMapper, Sleeper.THREAD, clock);
    }
}
