package io.arktasksync.schema;

import java.util.Arrays;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * For commands that only read (report): is the schema as new as this release needs? Asks Flyway's {@code info},
 * which reads the history table and writes nothing, wherever the table is (an older release kept it in
 * {@code public}).
 */
public final class SchemaVersion {

    private SchemaVersion() {
    }

    /** @throws SchemaNotReadyException naming the missing migrations, or saying there is no schema at all */
    public static void requireMigrated(DataSource dataSource) {
        LegacyHistoryDao history = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin())
            .onDemand(LegacyHistoryDao.class);
        boolean legacy = !history.currentTablePresent() && history.legacyTablePresent() && history.legacyTableIsOurs();
        FluentConfiguration configuration = ArkSchema.configure(Flyway.configure()).dataSource(dataSource);
        if (legacy) {
            configuration.schemas("public");
        }
        MigrationInfo[] pending = configuration.load().info().pending();
        if (pending.length == 0) {
            return;
        }
        if (!legacy && !history.currentTablePresent()) {
            throw new SchemaNotReadyException("This database has no ark-task-sync schema yet: run a sync first "
                    + "(it creates the schema), then the report");
        }
        String missing = Arrays.stream(pending)
            .map(m -> "V" + m.getVersion() + " (" + m.getDescription() + ")")
            .collect(Collectors.joining(", "));
        throw new SchemaNotReadyException("The database schema is older than this release needs: migration(s) "
                + missing + " not applied; run a sync once (it migrates), then the report");
    }
}
