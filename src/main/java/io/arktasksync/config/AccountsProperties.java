package io.arktasksync.config;

import java.util.List;

import org.hibernate.validator.constraints.Range;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The multi-account settings, bound by Spring Boot like every other {@code ark.*} setting (a YAML file imported with
 * {@code spring.config.import}, environment variables, command line).
 *
 * @param accounts the accounts one run syncs; empty: the one account of ark.base-url, ark.api-key
 *        and ark.account
 * @param accountConcurrency how many accounts one process syncs at the same time (ARK_ACCOUNT_CONCURRENCY)
 * @param shard i/n: this process syncs the accounts of shard i (0-based) of n (ARK_SHARD); unset: all,
 *        unless shard-count and the Indexed Job's JOB_COMPLETION_INDEX say otherwise
 * @param shardCount the n of ARK_SHARD when the index comes from JOB_COMPLETION_INDEX
 *        (ARK_SHARD_COUNT, the Indexed Job's completions)
 */
@ConfigurationProperties("ark")
public record AccountsProperties(List<AccountEntry> accounts,
        @DefaultValue("4") @Range(min = 1, max = 256) int accountConcurrency,
        String shard, Integer shardCount) {

    public AccountsProperties {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }
}
