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

    private volatile String datasourceUrl;

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        datasourceUrl = environment.getProperty("spring.datasource.url");
        ArkProperties properties = Binder.get(environment)
            .bindOrCreate("ark", Bindable.of(ArkProperties.class));
        SettingsValidator.validate(properties, true);
    }

    /** The configured JDBC URL with any password removed, or null before the environment was prepared. */
    public String datasourceUrlForDisplay() {
        return datasourceUrl == null ? null : JdbcUrls.withoutPassword(datasourceUrl);
    }
}
