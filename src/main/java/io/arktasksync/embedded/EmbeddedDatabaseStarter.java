package io.arktasksync.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * The default database: when the settings name no {@code spring.datasource.url}, starts an {@link EmbeddedDatabase}
 * with its data in {@code ark.data-dir} (ARK_DATA_DIR, default: see {@link DataHome}) and points the application at
 * it; the demo's in a directory of its own there, {@code demo/}, so that its simulated account never mixes with real
 * data. An explicit URL always wins. The owner of the application's run closes this after the context.
 */
public class EmbeddedDatabaseStarter implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, AutoCloseable {

    public static final String DATA_DIR_PROPERTY = "ark.data-dir";

    /** The demo's own embedded database, inside the data directory. */
    public static final String DEMO_SUBDIRECTORY = "demo";

    private final boolean mayStillBeWriting;

    private final boolean demo;

    private volatile EmbeddedDatabase database;

    /**
     * @param mayStillBeWriting whether a SIGTERM can find the command writing (a sync, which then stops at a chunk
     *        boundary within ark.shutdown-grace-period): the server then stays up that long
     */
    public EmbeddedDatabaseStarter(boolean mayStillBeWriting) {
        this(mayStillBeWriting, false);
    }

    /** @param demo whether the command works on the demo's database ({@code --demo}) */
    public EmbeddedDatabaseStarter(boolean mayStillBeWriting, boolean demo) {
        this.mayStillBeWriting = mayStillBeWriting;
        this.demo = demo;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            return;
        }
        Binder binder = Binder.get(environment);
        Path home = DataHome.resolve(binder.bind(DATA_DIR_PROPERTY, Path.class).map(Optional::of).orElse(Optional.empty()),
                System.getenv(), System.getProperty("user.home"));
        if (demo) {
            home = home.resolve(DEMO_SUBDIRECTORY);
        }
        Duration shutdownWait = mayStillBeWriting
                ? binder.bind("ark.shutdown-grace-period", Duration.class).orElse(Duration.ofSeconds(25))
                    .plusSeconds(10)
                : Duration.ZERO;
        database = EmbeddedDatabase.start(home, shutdownWait);
        environment.getPropertySources()
            .addFirst(new MapPropertySource("embeddedPostgres", Map.of("spring.datasource.url", database.jdbcUrl(),
                    "spring.datasource.username", EmbeddedDatabase.USER, "spring.datasource.password",
                    database.password())));
        // no SPRING_DATASOURCE_URL: say where the data goes, and how to look at it
        String db = "java -jar ark-task-sync.jar db" + (demo ? " --demo" : "");
        System.out.println("Database: embedded PostgreSQL in " + database.dataDirectory() + database.sharedFrom()
            .map(pid -> " (served by the db command, process " + pid + ")")
            .orElse(" (to open it: " + db + ")"));
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
