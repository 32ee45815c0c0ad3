package io.arktasksync.config;

import java.util.List;

/**
 * One entry of {@code ark.accounts}: what differs between the accounts of a multi-account run (the
 * {@link AccountSettings} it sets for itself). Unset values are the
 * top-level ones ({@code ark.base-url}, {@code ark.api-key}, {@code ark.filter.*},
 * {@code ark.max-requests-per-second}, {@code ark.endpoint-ids}), except the key of an entry with its own
 * {@code base-url}: the top-level key is never sent to another host, so such an entry must give its own.
 *
 * @param name the account's label in the database ({@code ark.tasks.account}, {@code ark.sync_runs.account}), its
 *        lock, its job and its metrics
 * @param baseUrl the account's API base URL
 * @param apiKey its key: give it as a placeholder ({@code ${ARK_KEY_TEAM_A}}) or from a mounted secret
 *        ({@code spring.config.import=configtree:/run/secrets/}), never in the file itself
 * @param filter its listing filters
 * @param maxRequestsPerSecond its request rate limit (each account has its own rate limit upstream)
 * @param endpointIds its endpoint ids ({@code ep-...}) to narrow by model with: endpoints belong to an account, so
 *        another account's would narrow to nothing
 */
public record AccountEntry(String name, String baseUrl, String apiKey, AccountSettings.Filter filter,
        Double maxRequestsPerSecond, List<String> endpointIds) {
}
