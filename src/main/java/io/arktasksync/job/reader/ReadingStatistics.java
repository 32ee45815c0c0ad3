package io.arktasksync.job.reader;

/**
 * What the reader reports to the run's counters (the job's {@code SyncRunStatistics} implements it). Only counts
 * and ledgers: the ids the reader saw go into the {@link IdSet} it was given.
 */
public interface ReadingStatistics {

    /** A page was read (forward or again), with this many items. */
    void pageRead(int items);

    /** The ledger of a listing, by label, created on first use. */
    SliceLedger ledger(String listing);

    /** A listing the configuration asked for, before any narrowing: its total counts towards the run's. */
    void rootListing(String listing);

    /** Tasks listed but beyond every listing's reach. */
    void outOfReach(long tasks);

    /** Distinct task ids read so far by this execution. */
    void distinctIds(long count);
}
