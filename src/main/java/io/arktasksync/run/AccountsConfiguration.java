package io.arktasksync.run;

import java.time.Clock;

import io.arktasksync.client.AccountClients;
import io.arktasksync.config.Accounts;
import io.arktasksync.config.AccountsProperties;
import io.arktasksync.config.AccountSettings;
import io.arktasksync.config.ClientSettings;
import io.arktasksync.config.Shard;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class AccountsConfiguration {

    /** Static: a post-processor must exist before the beans it adjusts (the DataSource). */
    @Bean
    static ConnectionPoolSizing connectionPoolSizing() {
        return new ConnectionPoolSizing();
    }

    /** Checked before the context starts (SettingsCheck); resolving again here cannot fail on a sync's settings. */
    @Bean
    Accounts accounts(AccountSettings defaults, AccountsProperties accountsProperties) {
        return Accounts.resolve(defaults, accountsProperties);
    }

    @Bean
    AccountSyncs accountSyncs(SyncRunner syncRunner, Accounts accounts, Shard shard,
            AccountsProperties accountsProperties) {
        return new AccountSyncs(syncRunner, accounts, shard, accountsProperties.accountConcurrency());
    }

    @Bean
    AccountClients accountClients(JsonMapper arkJsonMapper, Clock clock, ClientSettings client) {
        return new AccountClients(arkJsonMapper, clock, client);
    }

    /**
     * @param completionIndex set by Kubernetes in each pod of an Indexed Job; read as any property, so a test or an
     *        operator can also pass it on the command line. Checked before the context starts (SettingsCheck).
     */
    @Bean
    Shard shard(AccountsProperties accountsProperties, @Value("${JOB_COMPLETION_INDEX:}") String completionIndex) {
        return Shard.of(accountsProperties.shard(), accountsProperties.shardCount(), completionIndex);
    }
}
