package io.arktasksync.client;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.arktasksync.config.Accounts;
import io.arktasksync.config.AccountSettings;
import io.arktasksync.config.ClientSettings;

import tools.jackson.databind.json.JsonMapper;

/**
 * One {@link ArkApiClient} per account, each with the account's base URL, key and pacing: Ark rate-limits per
 * account, so one client's pacer must never slow another account down. Built on first use (the report needs none)
 * and kept for the process, so that a resumed run and its counters see the same client.
 */
public final class AccountClients {

    private final JsonMapper jsonMapper;

    private final Clock clock;

    private final ClientSettings settings;

    private final Map<String, ArkApiClient> clients = new ConcurrentHashMap<>();

    public AccountClients(JsonMapper jsonMapper, Clock clock, ClientSettings settings) {
        this.jsonMapper = jsonMapper;
        this.clock = clock;
        this.settings = settings;
    }

    /** @param account one of {@link Accounts#all()} */
    public ArkApiClient client(AccountSettings account) {
        return clients.computeIfAbsent(account.account(), name -> new ArkApiClient(account.baseUrl(),
                account.apiKey(), new ArkApiClient.Settings(settings.connectTimeout(), settings.requestTimeout(),
                        settings.maxAttempts(), settings.retryMaxWait(), account.maxRequestsPerSecond(),
                        (int) settings.maxItemBytes().toBytes(), settings.maxPageBytes().toBytes()),
                jsonMapper, Sleeper.THREAD, clock));
    }
}
