package io.arktasksync.job;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.arktasksync.persistence.StagedRow;
import io.arktasksync.persistence.StoredTask;
import io.arktasksync.persistence.UnchangedTask;
import io.arktasksync.persistence.UnchangedTaskDao;

/**
 * Leaves out of a chunk the tasks whose stored row was written from the same content (equal content hash), and
 * refreshes {@code last_seen_at} (clearing {@code gone_at}) of those due for it with one narrow update: all the upsert
 * would have written for them.
 * <p>
 * An incremental run reads a few pages, so it asks per chunk (one primary-key lookup per task). A full run sees
 * nearly every stored task again: one round trip per chunk was most of what a full re-run over unchanged data
 * spent in the database and its driver (src/docs/performance.md), so at its first chunk it reads the account's
 * stored hashes once into a {@link StoredTaskTable} and decides in memory, for the writer and, through
 * {@link #knownUnchanged}, for the step's processor before it maps an item: one step-scoped instance serves both
 * ({@link TaskChunkWriter}, {@link UnchangedItemFilter}), used by the step's one thread. That table is only trusted for what the
 * run has not written itself: a task handed to the upsert is forgotten, so seen again in the same run (a page shift)
 * it goes through the upsert, whose rules decide (older observations never overwrite newer ones).
 * <p>
 * Not final and its methods public: the step-scoped bean is a class proxy.
 */
class UnchangedTasks {

    /** How far back a full run's in-memory table reaches: the API's 7-day listing window and a day's margin. */
    static final Duration LISTABLE_FOR = Duration.ofDays(8);

    private final UnchangedTaskDao dao;

    private final String account;

    private final Duration lastSeenResolution;

    private final boolean wholeRun;

    private StoredTaskTable stored;

    /** @param wholeRun read every stored hash of the account at once (a full run), instead of asking per chunk */
    UnchangedTasks(UnchangedTaskDao dao, String account, Duration lastSeenResolution, boolean wholeRun) {
        this.dao = dao;
        this.account = account;
        this.lastSeenResolution = lastSeenResolution;
        this.wholeRun = wholeRun;
    }

    /** The rows the upsert could change; the others are left out, touched when due. In the chunk's transaction. */
    public List<StagedRow> withoutUnchanged(List<StagedRow> rows, OffsetDateTime now) {
        OffsetDateTime touchBefore = now.minus(lastSeenResolution);
        List<StagedRow> changed = new ArrayList<>(rows.size());
        List<String> touch = new ArrayList<>();
        if (wholeRun) {
            StoredTaskTable table = table(now);
            long touchBeforeMicros = micros(touchBefore);
            for (StagedRow row : rows) {
                switch (table.verdict(row.id(), row.contentHash(), touchBeforeMicros)) {
                    case WRITE -> changed.add(row);
                    case TOUCH -> touch.add(row.id());
                    case UNCHANGED -> { }
                }
            }
        }
        else {
            perChunk(rows, touchBefore, changed, touch);
        }
        if (!touch.isEmpty()) {
            dao.touch(touch.toArray(String[]::new), now);
            // Should the chunk roll back, the table must not claim the touch happened: forgotten is always safe.
            if (stored != null) {
                touch.forEach(stored::forget);
            }
        }
        return changed;
    }

    /** Whether a full run loaded stored tasks at its first chunk: into an empty database nothing is known. */
    public boolean knowsStoredState() {
        return stored != null && stored.size() > 0;
    }

    /**
     * Whether the task is known, from the stored state a full run loaded at its first chunk, to be stored with this
     * content and not due for a touch; false whenever that is not known (an incremental run, before the first chunk
     * was written, a task the run wrote or touched since).
     */
    public boolean knownUnchanged(String id, UUID contentHash, Instant now) {
        return stored != null && stored.verdict(id, contentHash, micros(now.minus(lastSeenResolution)))
                == StoredTaskTable.Verdict.UNCHANGED;
    }

    /** The tasks given to the upsert: what is stored for them is no longer known from the run's start. */
    public void handedToUpsert(List<StagedRow> rows) {
        if (stored != null) {
            rows.forEach(row -> stored.forget(row.id()));
        }
    }

    private void perChunk(List<StagedRow> rows, OffsetDateTime touchBefore, List<StagedRow> changed,
            List<String> touch) {
        String[] ids = new String[rows.size()];
        UUID[] hashes = new UUID[rows.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = rows.get(i).id();
            hashes[i] = rows.get(i).contentHash();
        }
        Set<String> unchanged = new HashSet<>();
        for (UnchangedTask task : dao.unchanged(ids, hashes, touchBefore)) {
            unchanged.add(task.id());
            if (task.touch()) {
                touch.add(task.id());
            }
        }
        rows.stream().filter(row -> !unchanged.contains(row.id())).forEach(changed::add);
    }

    /**
     * Read at the first chunk, inside its transaction (the cursor needs one), before the run wrote anything. Holds
     * only the tasks created inside the API's listing window (with a day's margin for clocks and a relay that lists
     * a little longer), so that the table is bounded by a week of tasks, not by the months the account has stored: a
     * task listed from before that is not known here and goes through the upsert, whose rules decide as they do for
     * an incremental run.
     */
    private StoredTaskTable table(OffsetDateTime now) {
        if (stored == null) {
            StoredTaskTable table = new StoredTaskTable();
            try (var tasks = dao.storedTasks(account, now.minus(LISTABLE_FOR)).stream()) {
                tasks.forEach((StoredTask task) -> table.put(task.id(), task.contentHash(), task.lastSeenMicros(),
                        task.gone()));
            }
            stored = table;
        }
        return stored;
    }

    private static long micros(OffsetDateTime time) {
        return micros(time.toInstant());
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }
}
