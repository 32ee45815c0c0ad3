package io.arktasksync.schema;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Flyway as the sync runs it at start-up: the {@link ArkSchema} layout, and an old database's history table moved
 * into {@code ark} first. The report disables Flyway (spring.flyway.enabled=false) and checks with
 * {@link SchemaVersion} instead: it never migrates.
 */
@Configuration(proxyBeanMethods = false)
class SchemaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SchemaConfiguration.class);

    @Bean
    FlywayConfigurationCustomizer arkSchemaLayout() {
        return ArkSchema::configure;
    }

    @Bean
    FlywayMigrationStrategy moveLegacyHistoryThenMigrate() {
        return flyway -> {
            int moved = LegacyHistory.moveIntoArk(flyway.getConfiguration().getDataSource());
            if (moved > 0) {
                log.info("Moved Flyway's history ({} rows) from public.flyway_schema_history to "
                        + "ark.flyway_schema_history", moved);
            }
            flyway.migrate();
        };
    }
}
