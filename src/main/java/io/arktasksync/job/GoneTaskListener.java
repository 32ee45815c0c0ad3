package io.arktasksync.job;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import io.arktasksync.job.plan.SyncMode;
import io.arktasksync.job.reader.IdSet;
import io.arktasksync.job.reader.TaskPageReader;
import io.arktasksync.lock.RunLock;
import io.arktasksync.persistence.GoneTaskDao;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * After a complete, reconciled full run, sets {@code gone_at} on stored tasks the API no longer lists although they
 * are inside its window: deleted upstream (cancelled tasks go after 24 h). They are never deleted here. Only a full,
 * reconciled read of whole tiers can tell "not listed" from "not read", so any other run leaves gone_at alone; a
 * task listed again later is un-marked by the writer.
 */
public class GoneTaskListener implements StepExecutionListener {

    /** The API lists [now - 7 days, now); tasks this close to the edge may leave the window during the run. */
    private static final Duration WINDOW = Duration.ofDays(7).minusHours(1);

    /** Tasks created this shortly before the run may not be listed yet by a lagging API. */
    private static final Duration SETTLING = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(GoneTaskListener.class);

    private final GoneTaskDao goneTasks;

    private final SyncRunStatistics statistics;

    private final SyncMode mode;

    private final Set<String> tiersRead;

    private final boolean wholeTiers;

    private final Clock clock;

    private final RunLock runLock;

    private final IdSet listed;

    private final String account;

    private OffsetDateTime startedAt;

    /**
     * @param listed the ids the step's reader read, filled while the step runs
     * @param account the run's account: only its tasks can be gone from its listing
     */
    public GoneTaskListener(GoneTaskDao goneTasks, SyncRunStatistics statistics, IdSet listed, SyncMode mode,
            Set<String> tiersRead, boolean wholeTiers, Clock clock, RunLock runLock, String account) {
        this.account = account;
        this.goneTasks = goneTasks;
        this.listed = listed;
        this.statistics = statistics;
        this.mode = mode;
        this.tiersRead = tiersRead;
        this.wholeTiers = wholeTiers;
        this.clock = clock;
        this.runLock = runLock;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        startedAt = OffsetDateTime.now(clock);
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (mode != SyncMode.FULL || !wholeTiers || stepExecution.getStatus() != BatchStatus.COMPLETED
                || stepExecution.getExecutionContext().containsKey(TaskPageReader.RESTARTED)
                || !statistics.reconciled()) {
            return null;
        }
        List<String> expected = goneTasks.expectedInListing(account, tiersRead, startedAt.minus(WINDOW),
                startedAt.minus(SETTLING));
        String[] gone = expected.stream().filter(id -> !listed.contains(id)).toArray(String[]::new);
        if (gone.length > 0) {
            try {
                // Chunks are checked before they commit (RunLockCheck); this write comes after the last of them.
                runLock.ensureHeld(account);
            }
            catch (RuntimeException e) {
                log.warn("Not marking {} task(s) as gone: {}", gone.length, e.getMessage());
                return null;
            }
            int marked = goneTasks.markGone(gone, OffsetDateTime.now(clock));
            log.info("{} task(s) inside the API's window are no longer listed (deleted upstream): gone_at set", marked);
        }
        return null;
    }
}
