package io.arktasksync.config;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Validates the {@code ark.*} settings as soon as the environment is assembled (command line, environment
 * variables, config files), before any bean connects to the database or the API. Also remembers the JDBC URL so
 * that a startup failure can name the database it could not reach.
 */
public class SettingsCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private final boolean needsApi;

    private volatile String datasourceUrl;

    /**
     * @param needsApi whether the command calls the API: a sync needs ARK_BASE_URL and ARK_API_KEY, the report
     *        reads the database only and must work without them
     */
    public SettingsCheck(boolean needsApi) {
        this.needsApi = needsApi;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        datasourceUrl = environment.getProperty("spring.datasource.url");
        Binder binder = Binder.get(environment);
        ArkProperties properties = binder.bindOrCreate("ark", Bindable.of(ArkProperties.class));
        AccountsProperties accounts = binder.bindOrCreate("ark", Bindable.of(AccountsProperties.class));
        // With ark.accounts, the API settings are each account's (the top-level ones are their defaults).
        SettingsValidator.validate(properties, needsApi && accounts.accounts().isEmpty());
        AccountsCheck.validate(properties, accounts, environment.getProperty("JOB_COMPLETION_INDEX"), needsApi);
    }

    /** The configured JDBC URL as given (mask it before printing), or null. */
    public String datasourceUrl() {
        return datasourceUrl;
    }
}
