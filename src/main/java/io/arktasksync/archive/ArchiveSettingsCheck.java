package io.arktasksync.archive;

import java.util.ArrayList;
import java.util.List;

import io.arktasksync.config.InvalidSettingsException;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;

/**
 * Checks the {@code ark.archive.*} settings as soon as the environment is assembled, next to the application's own
 * settings check and before anything connects: one line, exit 2.
 */
public class ArchiveSettingsCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private final boolean needsArchive;

    /** @param needsArchive whether the command archives, so that ARK_ARCHIVE_URL must be set ({@code archive}) */
    public ArchiveSettingsCheck(boolean needsArchive) {
        this.needsArchive = needsArchive;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ArchiveProperties archive = Binder.get(event.getEnvironment())
            .bindOrCreate("ark.archive", Bindable.of(ArchiveProperties.class));
        List<String> problems = new ArrayList<>(ArchiveSettings.problems(archive));
        if (needsArchive && !archive.enabled()) {
            problems.add("ARK_ARCHIVE_URL (ark.archive.url) is not set; use e.g. file:///var/lib/ark-archive or "
                    + "s3://bucket/prefix");
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
    }
}
