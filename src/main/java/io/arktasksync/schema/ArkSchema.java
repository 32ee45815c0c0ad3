package io.arktasksync.schema;

import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Where the application's migrations live and what they may touch: the schemas {@code ark} (what users query) and
 * {@code ark_batch} (Spring Batch's job repository), with Flyway's history table in {@code ark}. Nothing goes into
 * {@code public}, so a database that already holds other tables there is no obstacle.
 */
public final class ArkSchema {

    /** The schema that holds the reporting tables and, since this layout, Flyway's history table. */
    public static final String SCHEMA = "ark";

    /** Spring Batch's job repository. */
    public static final String BATCH_SCHEMA = "ark_batch";

    public static final String MIGRATIONS = "classpath:db/migration";

    private ArkSchema() {
    }

    /** Applies the layout to a Flyway configuration (the application's, or a test's own). */
    public static FluentConfiguration configure(FluentConfiguration configuration) {
        // The first schema is Flyway's default one: its history table goes there.
        return configuration.locations(MIGRATIONS).schemas(SCHEMA, BATCH_SCHEMA);
    }
}
