package io.arktasksync.persistence;

import java.util.List;

import javax.sql.DataSource;

import io.arktasksync.config.JobSettings;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import org.springframework.beans.factory.BeanRegistrar;
import org.springframework.beans.factory.BeanRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.util.StringUtils;

/**
 * JDBI on Spring's {@link DataSource}. The transaction-aware proxy hands JDBI the connection of the current Spring
 * transaction, so DAO calls made while a chunk is written commit or roll back with that chunk.
 */
@Configuration(proxyBeanMethods = false)
@Import(PersistenceConfiguration.Daos.class)
class PersistenceConfiguration {

    @Bean
    Jdbi jdbi(DataSource dataSource) {
        return Jdbi.create(new TransactionAwareDataSourceProxy(dataSource))
            .installPlugin(new SqlObjectPlugin())
            .installPlugin(new PostgresPlugin());
    }

    @Bean
    ChunkStaging chunkStaging(Jdbi jdbi, JobSettings job) {
        return new ChunkStaging(jdbi, job.synchronousCommit());
    }

    @Bean
    Savepoints savepoints(Jdbi jdbi) {
        return new Savepoints(jdbi);
    }

    /**
     * The package's JDBI SqlObject DAOs, declared once: one on-demand instance per interface (each call takes a
     * handle, the Spring transaction's connection when there is one), a bean named after it and injected by type.
     */
    static final class Daos implements BeanRegistrar {

        static final List<Class<?>> TYPES = List.of(TaskUpsertDao.class, UnchangedTaskDao.class, RejectDao.class,
                LedgerDao.class, PlanningDao.class, GoneTaskDao.class, SyncRunDao.class);

        @Override
        public void register(BeanRegistry registry, Environment environment) {
            TYPES.forEach(type -> register(registry, type));
        }

        private static <T> void register(BeanRegistry registry, Class<T> type) {
            registry.registerBean(StringUtils.uncapitalize(type.getSimpleName()), type,
                    dao -> dao.supplier(context -> context.bean(Jdbi.class).onDemand(type)));
        }
    }
}
