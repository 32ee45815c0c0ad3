package io.arktasksync.client;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.arktasksync.config.Accounts;
import io.arktasksync.config.ArkProperties;

import tools.jackson.databind.json.JsonMapper;

/**
 * One {@link ArkApiClient} per account, each with the account's base URL, key and pacing: Ark rate-limits per
 * account, so one client's pacer must never slow another account down. Built on first use (the report needs none)
 * and kept for the process, so that a resumed run and its counters see the same client.
 */
public final class AccountClients {

    private final JsonMapper jsonMapper;

    private final Clock clock;

    private final Map<String, ArkApiClient> clients = new ConcurrentHashMap<>();

    public AccountClients(JsonMapper jsonMapper, Clock clock) {
        this.jsonMapper = jsonMapper;
        this.clock = clock;
    }

    /** @param settings one of {@link Accounts#all()} */
    public ArkApiClient client(ArkProperties settings) {
        return clients.computeIfAbsent(settings.account(), name -> new ArkApiClient(settings.baseUrl(),
                settings.apiKey(), new ArkApiClient.Settings(settings.connectTimeout(), settings.requestTimeout(),
                        settings.maxAttempts(), settings.retryMaxWait(), settings.maxRequestsPerSecond(),
                        (int) settings.maxItemBytes().toBytes(), settings.maxPageBytes().toBytes()),
                jsonMapper, Sleeper.THREAD, clock));
    }
}
