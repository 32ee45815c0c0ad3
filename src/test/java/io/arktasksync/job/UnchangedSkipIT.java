package io.arktasksync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.arktasksync.job.plan.SyncMode;
import io.arktasksync.mapping.MappingResult;
import io.arktasksync.mapping.RawTaskItem;
import io.arktasksync.mapping.SameVersionMerge;
import io.arktasksync.mapping.TaskMapper;
import io.arktasksync.persistence.ChunkStaging;
import io.arktasksync.persistence.RejectDao;
import io.arktasksync.persistence.Savepoints;
import io.arktasksync.persistence.StagedRow;
import io.arktasksync.persistence.TaskUpsertDao;
import io.arktasksync.persistence.UnchangedTaskDao;
import io.arktasksync.support.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The writer leaves out, before staging, the tasks writing would not change (issue 12 part 3), and only those: every
 * guarantee of the upsert holds for what it stages. Wired as the application wires it (Spring transaction, JDBI),
 * with a staging that counts what it is given. Each {@code write} is a run of one chunk.
 */
class UnchangedSkipIT {

    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    private static final Duration RESOLUTION = Duration.ofHours(1);

    private final JsonMapper json = JsonMapper.builder().build();

    private TestDatabase database;

    private SingleConnectionDataSource dataSource;

    private Jdbi jdbi;

    private TransactionTemplate transaction;

    private CountingStaging staging;

    private SyncRunStatistics statistics;

    @BeforeEach
    void setUp() {
        database = TestDatabase.createMigrated();
        dataSource = new SingleConnectionDataSource(database.url(), database.user(), database.password(), true);
        jdbi = Jdbi.create(new TransactionAwareDataSourceProxy(dataSource)).installPlugin(new SqlObjectPlugin())
            .installPlugin(new PostgresPlugin());
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        staging = new CountingStaging(jdbi);
    }

    @AfterEach
    void tearDown() {
        dataSource.destroy();
        database.close();
    }

    @Test
    void shouldStageNothingAndWriteNothingWhenTheChunkIsUnchanged() {
        // given
        write(T0, "default", items(0, 300, "succeeded", 100));
        String versions = rowVersions();

        // when
        SyncRunStatistics second = write(T0.plusSeconds(60), "default", items(0, 300, "succeeded", 100));

        // then
        assertThat(staging.staged).isZero();
        assertThat(rowVersions()).isEqualTo(versions);
        assertThat(count("SELECT count(*) FROM ark.task_history")).isEqualTo(300);
        assertThat(second.unchanged()).isEqualTo(300);
        assertThat(second.inserted() + second.updated() + second.historyRows()).isZero();
    }

    @Test
    void shouldStageOnlyTheChangedTasksAndAppendTheirHistory() {
        // given
        write(T0, "default", items(0, 100, "running", 100));
        List<String> next = items(0, 100, "running", 100);
        next.set(7, item(7, "succeeded", 200));
        next.set(42, item(42, "failed", 200));

        // when
        SyncRunStatistics second = write(T0.plusSeconds(60), "default", next);

        // then
        assertThat(staging.staged).isEqualTo(2);
        assertThat(second.updated()).isEqualTo(2);
        assertThat(second.unchanged()).isEqualTo(98);
        assertThat(count("SELECT count(*) FROM ark.task_history")).isEqualTo(102);
        assertThat(count("SELECT count(*) FROM ark.tasks WHERE status = 'running'")).isEqualTo(98);
    }

    @Test
    void shouldNeverLetAnOlderObservationOverwriteANewerOne() {
        // given: the newer version is stored
        write(T0, "default", List.of(item(1, "succeeded", 200)));

        // when: an older observation arrives (a lagging replica)
        SyncRunStatistics second = write(T0.plusSeconds(60), "default", List.of(item(1, "running", 100)));

        // then: it is staged (its hash differs) and the upsert refuses it as before
        assertThat(staging.staged).isEqualTo(1);
        assertThat(second.updated()).isZero();
        assertThat(stored(1)).containsEntry("status", "succeeded");
        assertThat(count("SELECT count(*) FROM ark.task_history")).isEqualTo(1);
    }

    @Test
    void shouldStillRefreshLastSeenAtOnceItIsOlderThanTheResolutionWithoutStaging() {
        // given
        write(T0, "default", items(0, 10, "succeeded", 100));

        // when: the same content, within and past the resolution
        write(T0.plus(RESOLUTION).minusSeconds(1), "default", items(0, 10, "succeeded", 100));
        int stagedWithin = staging.staged;
        write(T0.plus(RESOLUTION).plusSeconds(1), "default", items(0, 10, "succeeded", 100));

        // then: refreshed by a narrow update, without staging
        assertThat(stagedWithin).isZero();
        assertThat(staging.staged).isZero();
        assertThat(count("SELECT count(*) FROM ark.tasks WHERE last_seen_at = '" + T0.plus(RESOLUTION).plusSeconds(1)
                + "' AND last_changed_at = '" + T0 + "'")).isEqualTo(10);
        assertThat(count("SELECT count(*) FROM ark.task_history")).isEqualTo(10);
    }

    @Test
    void shouldUnmarkATaskMarkedGoneWhenItIsListedAgainWithoutStaging() {
        // given
        write(T0, "default", items(0, 5, "succeeded", 100));
        jdbi.useHandle(h -> h.execute("UPDATE ark.tasks SET gone_at = now() WHERE id = 'cgt-skip-2'"));

        // when
        write(T0.plusSeconds(60), "default", items(0, 5, "succeeded", 100));

        // then
        assertThat(staging.staged).isZero();
        assertThat(count("SELECT count(*) FROM ark.tasks WHERE gone_at IS NOT NULL")).isZero();
        assertThat(stored(2)).containsEntry("last_seen", T0.plusSeconds(60).getEpochSecond());
        assertThat(stored(3)).containsEntry("last_seen", T0.getEpochSecond());
    }

    @Test
    void shouldCompareRowsWrittenBeforeTheHashExistedTheOldWayWithoutWritingThem() {
        // given: rows as a version without content_hash left them
        write(T0, "default", items(0, 20, "succeeded", 100));
        jdbi.useHandle(h -> h.execute("UPDATE ark.tasks SET content_hash = NULL"));
        String versions = rowVersions();

        // when
        SyncRunStatistics second = write(T0.plusSeconds(60), "default", items(0, 20, "succeeded", 100));

        // then: staged, found unchanged by the jsonb comparison, nothing written
        assertThat(staging.staged).isEqualTo(20);
        assertThat(rowVersions()).isEqualTo(versions);
        assertThat(second.unchanged()).isEqualTo(20);
    }

    @Test
    void shouldKeepTheNewestOfTheSameIdTwiceInAChunk() {
        // given
        write(T0, "default", List.of(item(1, "running", 100)));

        // when: the stored version again, then a newer one, in one chunk
        SyncRunStatistics second = write(T0.plusSeconds(60), "default",
                List.of(item(1, "running", 100), item(1, "succeeded", 200)));

        // then
        assertThat(second.duplicates()).isEqualTo(1);
        assertThat(stored(1)).containsEntry("status", "succeeded");
        assertThat(count("SELECT count(*) FROM ark.task_history")).isEqualTo(2);
    }

    @Test
    void shouldTreatTheSameItemWrittenForAnotherAccountAsAChange() {
        // given
        List<StagedRow> first = ChunkStaging.encode(mapped(List.of(item(1, "succeeded", 100))), "default");
        List<StagedRow> other = ChunkStaging.encode(mapped(List.of(item(1, "succeeded", 100))), "team-b");
        List<StagedRow> again = ChunkStaging.encode(mapped(List.of(item(1, "succeeded", 100))), "default");

        // then
        assertThat(first.get(0).contentHash()).isEqualTo(again.get(0).contentHash())
            .isNotEqualTo(other.get(0).contentHash());
    }

    @Test
    void shouldGiveTheUpsertAnOlderVersionSeenLaterInTheSameRunAfterANewerOneWasWritten() {
        // given: version 1 stored
        write(T0, "default", List.of(item(1, "running", 100)));

        // when: one run sees version 2, then (a page shift, a lagging replica) version 1 again
        Run run = new Run("default");
        run.chunk(T0.plusSeconds(60), List.of(item(1, "succeeded", 200)));
        run.chunk(T0.plusSeconds(61), List.of(item(1, "running", 100)));

        // then: version 1, equal to what the run found stored at its start, is not taken as unchanged: the upsert
        // sees version 2 stored and refuses the older observation
        assertThat(staging.staged).isEqualTo(1);
        assertThat(stored(1)).containsEntry("status", "succeeded");
        assertThat(count("SELECT count(*) FROM ark.task_history")).isEqualTo(2);
    }

    @Test
    void shouldTouchTasksThatBecomeDueWhileTheRunGoesOn() {
        // given
        write(T0, "default", items(0, 20, "succeeded", 100));

        // when: a long run, its second chunk past the resolution
        Run run = new Run("default");
        run.chunk(T0.plus(RESOLUTION).minusSeconds(1), items(0, 10, "succeeded", 100));
        run.chunk(T0.plus(RESOLUTION).plusSeconds(1), items(10, 20, "succeeded", 100));

        // then
        assertThat(staging.staged).isZero();
        assertThat(count("SELECT count(*) FROM ark.tasks WHERE last_seen_at = '" + T0 + "'")).isEqualTo(10);
        assertThat(count("SELECT count(*) FROM ark.tasks WHERE last_seen_at = '" + T0.plus(RESOLUTION).plusSeconds(1)
                + "'")).isEqualTo(10);
    }

    @Test
    void shouldWriteATaskSeenTwiceInARunOnceWithOneHistoryRowPerVersion() {
        // given
        write(T0, "default", items(0, 10, "running", 100));

        // when: the same changed task in two chunks of one run, then a newer version of it
        Run run = new Run("default");
        SyncRunStatistics statistics = run.chunk(T0.plusSeconds(60), List.of(item(3, "succeeded", 200)));
        run.chunk(T0.plusSeconds(61), List.of(item(3, "succeeded", 200)));
        run.chunk(T0.plusSeconds(62), List.of(item(3, "failed", 300)));

        // then
        assertThat(statistics.updated()).isEqualTo(2);
        assertThat(stored(3)).containsEntry("status", "failed");
        assertThat(count("SELECT count(*) FROM ark.task_history WHERE task_id = 'cgt-skip-3'")).isEqualTo(3);
    }

    @Test
    void shouldStillKnowATaskListedAgainAtTheEndOfTheApisWindow() {
        // given
        write(T0, "default", items(0, 3, "succeeded", 100));

        // when: listed again, unchanged, 7 days later (the last day the API lists it)
        SyncRunStatistics later = write(T0.plus(Duration.ofDays(7)), "default", items(0, 3, "succeeded", 100));

        // then: known unchanged without staging, in either kind of run
        assertThat(staging.staged).isZero();
        assertThat(later.unchanged()).isEqualTo(3);
    }

    @Test
    void shouldJudgeATaskCreatedBeforeTheListingWindowThroughTheUpsertWithoutChangingIt() {
        // given: tasks stored when they were new
        write(T0, "default", items(0, 3, "succeeded", 100));

        // when: a relay that lists longer than the API returns them again, unchanged, 9 days later
        SyncRunStatistics later = write(T0.plus(Duration.ofDays(9)), "default", items(0, 3, "succeeded", 100));

        // then: a full run's in-memory table holds only what the API can still list (an account's whole history
        // would not fit in a bounded heap), so they go through the upsert, which finds them unchanged; an
        // incremental run asks the database, which knows them
        assertThat(staging.staged).isEqualTo(mode() == SyncMode.FULL ? 3 : 0);
        assertThat(later.unchanged()).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM ark.task_history")).isEqualTo(3);
        assertThat(stored(1)).containsEntry("status", "succeeded");
    }

    private SyncRunStatistics write(Instant now, String account, List<String> items) {
        return new Run(account).chunk(now, items);
    }

    /** One run: one writer, chunk after chunk, each at its own time. */
    private final class Run {

        private final Instant[] now = { T0 };

        private final TaskChunkWriter writer;

        Run(String account) {
            statistics = new SyncRunStatistics();
            Clock clock = new Clock() {
                @Override
                public ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public Instant instant() {
                    return now[0];
                }
            };
            UnchangedTasks unchangedTasks = new UnchangedTasks(jdbi.onDemand(UnchangedTaskDao.class), account,
                    RESOLUTION, mode() == SyncMode.FULL);
            writer = new TaskChunkWriter(staging, new Savepoints(jdbi), jdbi.onDemand(TaskUpsertDao.class),
                    unchangedTasks, jdbi.onDemand(RejectDao.class),
                    new SameVersionMerge(new TaskMapper(JsonMapper.builder().build()), JsonMapper.builder().build()),
                    statistics, 1L, account, RESOLUTION, clock);
        }

        SyncRunStatistics chunk(Instant at, List<String> items) {
            staging.staged = 0;
            now[0] = at;
            List<MappingResult> results = new ArrayList<>(mapped(items));
            transaction.executeWithoutResult(status -> writer.write(new Chunk<>(results)));
            return statistics;
        }
    }

    /** Incremental: the writer asks per chunk. {@link UnchangedSkipFullRunIT} runs every test as a full run. */
    SyncMode mode() {
        return SyncMode.INCREMENTAL;
    }

    private List<MappingResult.Mapped> mapped(List<String> items) {
        TaskMapper mapper = new TaskMapper(json);
        return items.stream()
            .map(item -> (MappingResult.Mapped) mapper.map(new RawTaskItem(json.readTree(item), "default", "default", 1)))
            .toList();
    }

    private static List<String> items(int from, int to, String status, long updatedOffset) {
        List<String> items = new ArrayList<>();
        for (int i = from; i < to; i++) {
            items.add(item(i, status, updatedOffset));
        }
        return items;
    }

    private static String item(int i, String status, long updatedOffset) {
        long created = T0.getEpochSecond() - 3_600;
        String usage = "succeeded".equals(status) ? ", \"usage\": {\"completion_tokens\": 100, \"total_tokens\": 100}" : "";
        return """
                {"id": "cgt-skip-%d", "model": "doubao-seedance-1-0-pro-250528", "status": "%s",
                 "service_tier": "default", "created_at": %d, "updated_at": %d%s}
                """.formatted(i, status, created, created + updatedOffset, usage);
    }

    private Map<String, Object> stored(int i) {
        return jdbi.withHandle(h -> h.createQuery("SELECT status, extract(epoch FROM last_seen_at)::bigint AS last_seen FROM ark.tasks WHERE id = :id")
            .bind("id", "cgt-skip-" + i).mapToMap().one());
    }

    private String rowVersions() {
        return jdbi.withHandle(h -> h.createQuery("SELECT string_agg(id || ':' || xmin::text, ',' ORDER BY id) FROM ark.tasks")
            .mapTo(String.class).one());
    }

    private long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** The real staging, counting the rows it is given. */
    private static final class CountingStaging extends ChunkStaging {

        int staged;

        CountingStaging(Jdbi jdbi) {
            super(jdbi, false);
        }

        @Override
        public void stage(List<StagedRow> rows) {
            staged += rows.size();
            super.stage(rows);
        }
    }
}
