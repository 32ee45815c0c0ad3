package io.arktasksync.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.arktasksync.mapping.MappingResult;
import io.arktasksync.mapping.RawTaskItem;
import io.arktasksync.mapping.TaskMapper;
import io.arktasksync.support.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/** Staging a chunk in the chunk's transaction, wired as the application wires it (Spring transactions, JDBI). */
class ChunkStagingIT {

    private final JsonMapper json = JsonMapper.builder().build();

    private TestDatabase database;

    private Jdbi jdbi;

    private TransactionTemplate transaction;

    private SingleConnectionDataSource dataSource;

    @BeforeEach
    void setUp() {
        database = TestDatabase.create();
        // One session for every transaction, as a pool of one: the staging table is the session's
        dataSource = new SingleConnectionDataSource(database.url(), database.user(), database.password(), true);
        jdbi = Jdbi.create(new TransactionAwareDataSourceProxy(dataSource));
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @AfterEach
    void tearDown() {
        dataSource.destroy();
        database.close();
    }

    @Test
    void shouldCommitTheChunkWithoutWaitingForTheFlushByDefault() {
        // given
        ChunkStaging staging = new ChunkStaging(jdbi, false);
        String serversJit = setting("jit");

        // when
        List<String> inTransaction = transaction.execute(status -> {
            staging.stage(ChunkStaging.encode(chunk(3), "default"));
            return List.of(setting("synchronous_commit"), setting("jit"), staged());
        });

        // then: only the chunk's own transaction is relaxed (and not JIT-compiled), and the staged rows leave with
        // its commit
        assertThat(inTransaction).containsExactly("off", "off", "3");
        List<String> afterCommit = transaction.execute(
            status -> List.of(setting("synchronous_commit"), setting("jit"), staged()));
        assertThat(afterCommit).containsExactly("on", serversJit, "0");
    }

    @Test
    void shouldWaitForTheFlushWhenAskedTo() {
        // given
        ChunkStaging staging = new ChunkStaging(jdbi, true);

        // when
        List<String> inTransaction = transaction.execute(status -> {
            staging.stage(ChunkStaging.encode(chunk(2), "default"));
            return List.of(setting("synchronous_commit"), setting("client_min_messages"), setting("jit"), staged());
        });

        // then
        assertThat(inTransaction).containsExactly("on", "warning", "off", "2");
    }

    private String setting(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT current_setting(:name)").bind("name", name)
            .mapTo(String.class).one());
    }

    private String staged() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*)::text FROM pg_temp.sync_input")
            .mapTo(String.class).one());
    }

    private List<MappingResult.Mapped> chunk(int size) {
        TaskMapper mapper = new TaskMapper(json);
        List<MappingResult.Mapped> tasks = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String item = """
                    {"id": "cgt-staging-%d", "model": "doubao-seedance-1-0-pro-250528", "status": "succeeded",
                     "created_at": 1743414000, "updated_at": 1743414060,
                     "usage": {"completion_tokens": 100, "total_tokens": 100}}
                    """.formatted(i);
            tasks.add((MappingResult.Mapped) mapper.map(new RawTaskItem(json.readTree(item), "default", "default", 1)));
        }
        return tasks;
    }
}
