package io.arktasksync.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * The default database: when the settings name no {@code spring.datasource.url}, starts an {@link EmbeddedDatabase}
 * with its data in {@code ark.data-dir} (ARK_DATA_DIR, default {@code ~/.ark-task-sync}) and points the application
 * at it. An explicit URL always wins. The owner of the application's run closes this after the context.
 */
public class EmbeddedDatabaseStarter implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, AutoCloseable {

    public static final String DATA_DIR_PROPERTY = "ark.data-dir";

    private final boolean mayStillBeWriting;

    private volatile EmbeddedDatabase database;

    /**
     * @param mayStillBeWriting whether a SIGTERM can find the command writing (a sync, which then stops at a chunk
     *        boundary within ark.shutdown-grace-period): the server then stays up that long
     */
    public EmbeddedDatabaseStarter(boolean mayStillBeWriting) {
        this.mayStillBeWriting = mayStillBeWriting;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            return;
        }
        Binder binder = Binder.get(environment);
        Path home = binder.bind(DATA_DIR_PROPERTY, Path.class).orElseGet(EmbeddedDatabaseStarter::defaultHome);
        Duration shutdownWait = mayStillBeWriting
                ? binder.bind("ark.shutdown-grace-period", Duration.class).orElse(Duration.ofSeconds(25))
                    .plusSeconds(10)
                : Duration.ZERO;
        database = EmbeddedDatabase.start(home, shutdownWait);
        environment.getPropertySources()
            .addFirst(new MapPropertySource("embeddedPostgres", Map.of("spring.datasource.url", database.jdbcUrl(),
                    "spring.datasource.username", EmbeddedDatabase.USER, "spring.datasource.password", "")));
        // no SPRING_DATASOURCE_URL: say where the data goes, and how to look at it
        System.out.println("Database: embedded PostgreSQL in " + database.dataDirectory()
                + " (to open it: java -jar ark-task-sync.jar db)");
    }

    static Path defaultHome() {
        return Path.of(System.getProperty("user.home"), ".ark-task-sync");
    }

    /** The server this started, or null when the settings named a database. */
    public EmbeddedDatabase database() {
        return database;
    }

    @Override
    public void close() {
        EmbeddedDatabase started = database;
        if (started != null) {
            started.close();
        }
    }
}
