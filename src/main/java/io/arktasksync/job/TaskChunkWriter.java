package io.arktasksync.job;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.arktasksync.mapping.MappingResult;
import io.arktasksync.mapping.SameVersionMerge;
import io.arktasksync.persistence.RejectDao;
import io.arktasksync.persistence.ChunkStaging;
import io.arktasksync.persistence.DataRefusal;
import io.arktasksync.persistence.Savepoints;
import io.arktasksync.persistence.StagedRow;
import io.arktasksync.persistence.TaskUpsertDao;
import io.arktasksync.persistence.UpsertOutcome;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes a chunk in the chunk's transaction: all tasks in one binary COPY to a staging table, then one statement
 * that merges them (with usage and history), rejects in one batch. Tasks whose stored row was written from the same
 * content (equal content hash) are left out before staging by {@link UnchangedTasks}, instead of shipping and
 * comparing their jsonb; their {@code last_seen_at} refresh, when due, is one narrow update. In a full run most of
 * them never get here: {@link UnchangedItemFilter} asks the same {@link UnchangedTasks} before mapping them. The same id
 * twice in a chunk (page shift, a relay's duplicate) is merged first by the stored merge's rule
 * ({@link SameVersionMerge}: a newer version wins, the same version never erases with less), because one statement
 * cannot upsert a row twice; across chunks the upsert itself applies that rule.
 */
public class TaskChunkWriter implements ItemWriter<MappingResult> {

    private final ChunkStaging staging;

    private final Savepoints savepoints;

    private final TaskUpsertDao tasks;

    private final UnchangedTasks unchangedTasks;

    private final RejectDao rejects;

    private final SameVersionMerge sameVersionMerge;

    private final SyncRunStatistics statistics;

    private final long runId;

    private final String account;

    private final Duration lastSeenResolution;

    private final Clock clock;

    /** @param unchangedTasks the step's, shared with its processor */
    TaskChunkWriter(ChunkStaging staging, Savepoints savepoints, TaskUpsertDao tasks, UnchangedTasks unchangedTasks,
            RejectDao rejects, SameVersionMerge sameVersionMerge, SyncRunStatistics statistics, long runId,
            String account, Duration lastSeenResolution, Clock clock) {
        this.staging = staging;
        this.savepoints = savepoints;
        this.tasks = tasks;
        this.unchangedTasks = unchangedTasks;
        this.rejects = rejects;
        this.sameVersionMerge = sameVersionMerge;
        this.statistics = statistics;
        this.runId = runId;
        this.account = account;
        this.lastSeenResolution = lastSeenResolution;
        this.clock = clock;
    }

    @Override
    public void write(Chunk<? extends MappingResult> chunk) {
        Map<String, MappingResult.Mapped> newestById = new LinkedHashMap<>();
        List<MappingResult.Rejected> rejected = new ArrayList<>();
        int mapped = 0;
        for (MappingResult result : chunk) {
            if (result instanceof MappingResult.Mapped task) {
                mapped++;
                newestById.merge(task.task().id(), task, sameVersionMerge::merge);
            }
            else if (result instanceof MappingResult.Rejected reject) {
                rejected.add(reject);
            }
        }
        // PostgreSQL keeps microseconds; truncating keeps "now" identical in Java and in the table.
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        List<StagedRow> changed = newestById.isEmpty() ? List.of()
                : unchangedTasks.withoutUnchanged(
                        ChunkStaging.encode(new ArrayList<>(newestById.values()), account), now);
        UpsertOutcome outcome = changed.isEmpty() ? UpsertOutcome.NOTHING : writeTasks(changed, now, rejected);
        if (!rejected.isEmpty()) {
            rejects.insert(runId, now, account, rejected);
        }
        statistics.chunkWritten(mapped, newestById.size(), outcome, rejected.size());
        noteSucceededWithoutUsage(newestById.values());
        noteQuarantined(rejected);
    }

    /**
     * Tells each listing's ledger how many of its items went to {@code ark.task_rejects} instead of
     * {@code ark.tasks} (including those PostgreSQL refused above): listed, not stored, so not reconciled.
     */
    private void noteQuarantined(List<MappingResult.Rejected> rejected) {
        Map<String, List<MappingResult.Rejected>> bySlice = rejected.stream()
            .filter(reject -> reject.slice() != null)
            .collect(Collectors.groupingBy(MappingResult.Rejected::slice));
        bySlice.forEach((slice, rejects) -> {
            long withoutId = rejects.stream().filter(reject -> reject.taskId() == null).count();
            statistics.ledger(slice).quarantined(rejects.size() - withoutId, withoutId);
        });
    }

    /** Tells each listing's ledger how many of its succeeded items came without usage: a quirk of the upstream. */
    private void noteSucceededWithoutUsage(Collection<MappingResult.Mapped> tasks) {
        Map<String, Long> bySlice = tasks.stream()
            .filter(task -> task.slice() != null && task.usage() == null && "succeeded".equals(task.task().status()))
            .collect(Collectors.groupingBy(MappingResult.Mapped::slice, Collectors.counting()));
        bySlice.forEach((slice, items) -> statistics.ledger(slice).succeededWithoutUsage(items));
    }

    private OffsetDateTime touchBefore(OffsetDateTime now) {
        return now.minus(lastSeenResolution);
    }

    /**
     * Writes the tasks inside a savepoint. Mapping already quarantines what PostgreSQL is known to refuse; should the
     * database still refuse the data (a data exception, a value too large for an index), the savepoint is rolled
     * back and the chunk halved until the one refused item is found and quarantined with the database's reason, so
     * one odd item never fails a run nor loses its neighbours.
     */
    private UpsertOutcome writeTasks(List<StagedRow> chunkTasks, OffsetDateTime now,
            List<MappingResult.Rejected> rejected) {
        savepoints.set();
        unchangedTasks.handedToUpsert(chunkTasks);
        try {
            staging.stage(chunkTasks);
            UpsertOutcome outcome = tasks.upsertStaged(account, runId, now, touchBefore(now));
            savepoints.release();
            return outcome;
        }
        catch (RuntimeException e) {
            String refusal = DataRefusal.reason(e);
            if (refusal == null) {
                throw e;
            }
            savepoints.rollback();
            if (chunkTasks.size() == 1) {
                MappingResult.Mapped task = chunkTasks.get(0).task();
                rejected.add(new MappingResult.Rejected(task.task().id(), "PostgreSQL refused the item: " + refusal,
                        task.task().rawJson(), task.slice(), task.pageNum()));
                return UpsertOutcome.NOTHING;
            }
            int half = chunkTasks.size() / 2;
            UpsertOutcome first = writeTasks(chunkTasks.subList(0, half), now, rejected);
            UpsertOutcome second = writeTasks(chunkTasks.subList(half, chunkTasks.size()), now, rejected);
            return first.plus(second);
        }
    }
}
