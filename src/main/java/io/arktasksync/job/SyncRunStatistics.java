package io.arktasksync.job;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.arktasksync.job.reader.ReadingStatistics;
import io.arktasksync.job.reader.SliceLedger;
import io.arktasksync.persistence.UpsertOutcome;

/**
 * Counters of one job execution, fed by the reader and the writer and read by the listeners that write
 * {@code ark.sync_runs} and the summary line. Job-scoped: every execution starts from zero. Thread-safe.
 */
public class SyncRunStatistics implements ReadingStatistics {

    private final AtomicLong pages = new AtomicLong();

    private final AtomicLong itemsRead = new AtomicLong();

    private final AtomicLong inserted = new AtomicLong();

    private final AtomicLong updated = new AtomicLong();

    private final AtomicLong unchanged = new AtomicLong();

    private final AtomicLong duplicates = new AtomicLong();

    private final AtomicLong rejected = new AtomicLong();

    private final AtomicLong historyRows = new AtomicLong();

    private final AtomicLong usageMissing = new AtomicLong();

    private final AtomicLong outOfReach = new AtomicLong();

    /** The completeness ledger of each listing read, by label, in reading order. */
    private final Map<String, SliceLedger> ledgers = new LinkedHashMap<>();

    /** Labels of the listings the configuration asked for, before any narrowing past the cap. */
    private final Set<String> rootListings = new HashSet<>();

    private final AtomicLong distinctIds = new AtomicLong();

    /** Distinct task ids the reader saw in this execution. */
    public long distinctIds() {
        return distinctIds.get();
    }

    @Override
    public void distinctIds(long count) {
        distinctIds.set(count);
    }

    @Override
    public void pageRead(int items) {
        pages.incrementAndGet();
        itemsRead.addAndGet(items);
    }

    /** The ledger of a listing, created on first use. */
    @Override
    public SliceLedger ledger(String slice) {
        synchronized (ledgers) {
            return ledgers.computeIfAbsent(slice, SliceLedger::new);
        }
    }

    @Override
    public void rootListing(String slice) {
        synchronized (ledgers) {
            rootListings.add(slice);
        }
    }

    public List<SliceLedger> ledgers() {
        synchronized (ledgers) {
            return List.copyOf(ledgers.values());
        }
    }

    /** Whether every listing read reconciled (see {@link SliceLedger#reconciled()}). */
    public boolean reconciled() {
        return ledgers().stream().allMatch(SliceLedger::reconciled);
    }

    @Override
    public void outOfReach(long tasks) {
        outOfReach.addAndGet(tasks);
    }

    /**
     * @param mapped items of the chunk that mapped to tasks
     * @param distinct distinct ids among them
     */
    public void chunkWritten(int mapped, int distinct, UpsertOutcome outcome, int rejects) {
        duplicates.addAndGet(mapped - distinct);
        inserted.addAndGet(outcome.inserted());
        updated.addAndGet(outcome.updated());
        unchanged.addAndGet(distinct - outcome.inserted() - outcome.updated());
        historyRows.addAndGet(outcome.historyRows());
        usageMissing.addAndGet(outcome.usageMissing());
        rejected.addAndGet(rejects);
    }

    /** A task filtered out before mapping because it is stored unchanged ({@link UnchangedItemFilter}). */
    public void unchangedBeforeMapping() {
        unchanged.incrementAndGet();
    }

    public long pages() {
        return pages.get();
    }

    public long itemsRead() {
        return itemsRead.get();
    }

    public long inserted() {
        return inserted.get();
    }

    public long updated() {
        return updated.get();
    }

    public long unchanged() {
        return unchanged.get();
    }

    public long duplicates() {
        return duplicates.get();
    }

    public long rejected() {
        return rejected.get();
    }

    public long historyRows() {
        return historyRows.get();
    }

    /**
     * Succeeded tasks the run merged whose item carried no usage and that had none stored (a relay that trims items):
     * tokens the record does not hold. A task filtered out as stored unchanged was counted by the run that stored it.
     */
    public long usageMissing() {
        return usageMissing.get();
    }

    public long outOfReach() {
        return outOfReach.get();
    }

    /**
     * Sum of the API's {@code total} at the start of the configured listings (narrower listings overlap them and
     * are left out), or null when none reported one.
     */
    public Long apiTotal() {
        synchronized (ledgers) {
            List<Long> totals = ledgers.values().stream()
                .filter(ledger -> rootListings.contains(ledger.slice()) && ledger.totalAtStart() >= 0)
                .map(SliceLedger::totalAtStart)
                .toList();
            return totals.isEmpty() ? null : totals.stream().mapToLong(Long::longValue).sum();
        }
    }
}
