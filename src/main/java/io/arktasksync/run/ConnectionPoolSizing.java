package io.arktasksync.run;

import com.zaxxer.hikari.HikariDataSource;
import io.arktasksync.config.AccountsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Makes the connection pool big enough for the accounts synced at once. Each account's run holds one connection for
 * its whole duration (its run lock lives on it) and needs others for its chunks, the job repository and the
 * gone-marking: with fewer than {@value #CONNECTIONS_PER_ACCOUNT} per account, the locks alone can take the whole
 * pool and every chunk then waits for a connection until it times out. A smaller configured pool is raised, with a
 * line in the log; a bigger one is kept.
 */
final class ConnectionPoolSizing implements BeanPostProcessor, EnvironmentAware {

    static final int CONNECTIONS_PER_ACCOUNT = 4;

    private static final Logger log = LoggerFactory.getLogger(ConnectionPoolSizing.class);

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool) {
            AccountsProperties accounts = Binder.get(environment)
                .bindOrCreate("ark", Bindable.of(AccountsProperties.class));
            int needed = needed(accounts);
            if (pool.getMaximumPoolSize() < needed) {
                log.info("Connection pool raised from {} to {} connections: {} per account synced at once",
                        pool.getMaximumPoolSize(), needed, CONNECTIONS_PER_ACCOUNT);
                pool.setMaximumPoolSize(needed);
            }
        }
        return bean;
    }

    /** Connections for the accounts that may run at once: the concurrency, at most the number of accounts. */
    static int needed(AccountsProperties accounts) {
        int atOnce = Math.max(1, Math.min(accounts.accountConcurrency(), Math.max(1, accounts.accounts().size())));
        return CONNECTIONS_PER_ACCOUNT * atOnce;
    }
}
