package io.arktasksync.persistence;

import javax.sql.DataSource;

import io.arktasksync.config.ArkProperties;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * JDBI on Spring's {@link DataSource}. The transaction-aware proxy hands JDBI the connection of the current Spring
 * transaction, so DAO calls made while a chunk is written commit or roll back with that chunk.
 */
@Configuration(proxyBeanMethods = false)
class PersistenceConfiguration {

    @Bean
    Jdbi jdbi(DataSource dataSource) {
        return Jdbi.create(new TransactionAwareDataSourceProxy(dataSource))
            .installPlugin(new SqlObjectPlugin())
            .installPlugin(new PostgresPlugin());
    }

    @Bean
    ChunkStaging chunkStaging(Jdbi jdbi, ArkProperties properties) {
        return new ChunkStaging(jdbi, properties.synchronousCommit());
    }

    @Bean
    Savepoints savepoints(Jdbi jdbi) {
        return new Savepoints(jdbi);
    }

    @Bean
    TaskUpsertDao taskUpsertDao(Jdbi jdbi) {
        return jdbi.onDemand(TaskUpsertDao.class);
    }

    @Bean
    UnchangedTaskDao unchangedTaskDao(Jdbi jdbi) {
        return jdbi.onDemand(UnchangedTaskDao.class);
    }

    @Bean
    RejectDao rejectDao(Jdbi jdbi) {
        return jdbi.onDemand(RejectDao.class);
    }

    @Bean
    LedgerDao ledgerDao(Jdbi jdbi) {
        return jdbi.onDemand(LedgerDao.class);
    }

    @Bean
    PlanningDao planningDao(Jdbi jdbi) {
        return jdbi.onDemand(PlanningDao.class);
    }

    @Bean
    GoneTaskDao goneTaskDao(Jdbi jdbi) {
        return jdbi.onDemand(GoneTaskDao.class);
    }

    @Bean
    SyncRunDao syncRunDao(Jdbi jdbi) {
        return jdbi.onDemand(SyncRunDao.class);
    }
}
