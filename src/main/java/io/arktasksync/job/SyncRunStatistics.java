package io.arktasksync.job;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.arktasksync.persistence.UpsertOutcome;

/**
 * Counters of one job execution, fed by the reader and the writer and read by the listeners that write
 * {@code ark.sync_runs} and the summary line. Job-scoped: every execution starts from zero. Thread-safe.
 */
public class SyncRunStatistics {

    private final AtomicLong pages = new AtomicLong();

    private final AtomicLong itemsRead = new AtomicLong();

    private final AtomicLong inserted = new AtomicLong();

    private final AtomicLong updated = new AtomicLong();

    private final AtomicLong unchanged = new AtomicLong();

    private final AtomicLong duplicates = new AtomicLong();

    private final AtomicLong rejected = new AtomicLong();

    private final AtomicLong historyRows = new AtomicLong();

    private final AtomicLong outOfReach = new AtomicLong();

    /** API total on the first page of each slice, by slice label. */
    private final Map<String, Long> totalsAtStart = new LinkedHashMap<>();

    public void pageRead(String slice, int pageNum, long total, int items) {
        pages.incrementAndGet();
        itemsRead.addAndGet(items);
        if (pageNum == 1 && total >= 0) {
            synchronized (totalsAtStart) {
                totalsAtStart.put(slice, total);
            }
        }
    }

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
        rejected.addAndGet(rejects);
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

    public long outOfReach() {
        return outOfReach.get();
    }

    /** Sum of the API's {@code total} over the slices read, or null when no slice reported one. */
    public Long apiTotal() {
        synchronized (totalsAtStart) {
            return totalsAtStart.isEmpty() ? null : totalsAtStart.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
