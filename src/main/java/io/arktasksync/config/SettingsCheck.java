package io.arktasksync.config;

import java.util.ArrayList;
import java.util.List;

import io.arktasksync.archive.ArchiveProperties;
import io.arktasksync.archive.ArchiveSettings;

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

    private final boolean needsArchive;

    private volatile String datasourceUrl;

    /**
     * @param needsApi whether the command calls the API: a sync needs ARK_BASE_URL and ARK_API_KEY, the report
     *        reads the database only and must work without them
     */
    public SettingsCheck(boolean needsApi) {
        this(needsApi, false);
    }

    /** @param needsArchive whether the command archives, so that ARK_ARCHIVE_URL must be set ({@code archive}) */
    public SettingsCheck(boolean needsApi, boolean needsArchive) {
        this.needsApi = needsApi;
        this.needsArchive = needsArchive;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        datasourceUrl = environment.getProperty("spring.datasource.url");
        ArkProperties properties = Binder.get(environment)
            .bindOrCreate("ark", Bindable.of(ArkProperties.class));
        SettingsValidator.validate(properties, needsApi);
        ArchiveProperties archive = Binder.get(environment)
            .bindOrCreate("ark.archive", Bindable.of(ArchiveProperties.class));
        List<String> archiveProblems = new ArrayList<>(ArchiveSettings.problems(archive));
        if (needsArchive && !archive.enabled()) {
            archiveProblems.add("ARK_ARCHIVE_URL (ark.archive.url) is not set; use e.g. file:///var/lib/ark-archive "
                    + "or s3://bucket/prefix");
        }
        if (!archiveProblems.isEmpty()) {
            throw new InvalidSettingsException(archiveProblems);
        }
    }

    /** The configured JDBC URL with any password removed, or null before the environment was prepared. */
    public String datasourceUrlForDisplay() {
        return datasourceUrl == null ? null : JdbcUrls.withoutPassword(datasourceUrl);
    }
}
