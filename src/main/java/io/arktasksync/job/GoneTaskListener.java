package io.arktasksync.job;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import io.arktasksync.persistence.GoneTaskDao;
import io.arktasksync.run.RunLockLostException;
import io.arktasksync.run.RunLockWatchdog;
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

    private final RunLockWatchdog lockWatchdog;

    private final String account;

    private OffsetDateTime startedAt;

    public GoneTaskListener(GoneTaskDao goneTasks, SyncRunStatistics statistics, SyncMode mode, Set<String> tiersRead,
            boolean wholeTiers, Clock clock, RunLockWatchdog lockWatchdog, String account) {
        this.account = account;
        this.goneTasks = goneTasks;
        this.statistics = statistics;
        this.mode = mode;
        this.tiersRead = tiersRead;
        this.wholeTiers = wholeTiers;
        this.clock = clock;
        this.lockWatchdog = lockWatchdog;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        startedAt = OffsetDateTime.now(clock);
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        IdSet seen = statistics.seenIds();
        if (mode != SyncMode.FULL || !wholeTiers || seen == null || stepExecution.getStatus() != BatchStatus.COMPLETED
                || stepExecution.getExecutionContext().containsKey(RESTARTED) || !statistics.reconciled()) {
            return null;
        }
        List<String> expected = goneTasks.expectedInListing(account, tiersRead, startedAt.minus(WINDOW),
                startedAt.minus(SETTLING));
        String[] gone = expected.stream().filter(id -> !seen.contains(id)).toArray(String[]::new);
        if (gone.length > 0) {
            try {
                // Chunks are checked before they commit (RunLockCheck); this write comes after the last of them.
                lockWatchdog.ensureHeld(account);
            }
            catch (RunLockLostException e) {
                log.warn("Not marking {} task(s) as gone: {}", gone.length, e.getMessage());
                return null;
            }
            int marked = goneTasks.markGone(gone, OffsetDateTime.now(clock));
            log.info("{} task(s) inside the API's window are no longer listed (deleted upstream): gone_at set", marked);
        }
        return null;
    }

    /** Set by the reader when it resumed a previous execution: its seen-id set then covers only part of the run. */
    static final String RESTARTED = "reader.restarted";
}
