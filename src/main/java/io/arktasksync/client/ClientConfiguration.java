package io.arktasksync.client;

import java.time.Clock;


import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ClientConfiguration {

    /** The mapper for API items ({@link ArkJsonMapper}). */
    @Bean
    JsonMapper arkJsonMapper() {
        return ArkJsonMapper.create();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    // No ArkApiClient bean: each account has its own client (base URL, key, pacing), from
    // io.arktasksync.client.AccountClients, made once per job execution for its account context.
}
