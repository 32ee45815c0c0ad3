/**
 * Reading every task of the listings a run plans, completely or saying that it could not.
 * <p>
 * The cut, one job per class:
 * <ul>
 * <li>{@link io.arktasksync.job.reader.TaskPageReader}: the Spring Batch adapter, thin: {@code doPageRead} hands on
 * what {@code ListingReader} returns next; {@code open}/{@code update}/{@code close} restore, save and release the
 * restart state through {@code CheckpointCodec}.</li>
 * <li>{@code ListingReader}: the reading itself. It orders the work (a queued re-read before the next forward page, a
 * listing settled before the next one, the follow-up listings once at the end), reads each page through the
 * collaborators below, keeps the ledgers and the ids seen, and returns the items to hand on with where they came
 * from.</li>
 * <li>{@code ListingQueue}: the listings and which one is at hand, with its {@code ListingProgress}: a listing's end
 * (the sanity rule, or narrower listings and tasks out of reach when paging stopped short), the follow-up listings
 * added, and the state a {@code ReaderCheckpoint} saves and restores.</li>
 * <li>{@link io.arktasksync.job.reader.PageSource}: where pages come from ({@code ArkApiClient::listTasks}; an
 * in-memory listing in tests, so every rule here is tested without a socket).</li>
 * <li>{@link io.arktasksync.job.reader.ListingSlice}: one listing as the job reads it, an API filter
 * ({@link io.arktasksync.client.ListingFilter}, all the client sees) plus the incremental floor and its restart
 * encoding.</li>
 * <li>{@code ListingWalk}: the forward walk over one listing and its end rules, a relay's page cap learnt, the
 * order checked from {@code created_at}.</li>
 * <li>{@code ShiftRepair}: pages read again when {@code total} drops, within a budget.</li>
 * <li>{@code CapNarrowing} and {@code NarrowedListing}: narrower listings for what paging cannot reach, and the
 * count of what none of them can return.</li>
 * <li>{@code ListingProgress}: the listing at hand (walk, repair) and the sanity rule checked at its end.</li>
 * <li>{@link io.arktasksync.job.reader.IdSet}: the ids seen, compactly.</li>
 * <li>{@code ReaderCheckpoint} and {@code CheckpointCodec}: the one restart record and its
 * {@code ExecutionContext} form.</li>
 * <li>{@code Prefetcher}: pages fetched ahead on other threads, never deciding anything.</li>
 * <li>{@link io.arktasksync.job.reader.SliceLedger}: the completeness ledger of one listing;
 * {@link io.arktasksync.job.reader.ReadingStatistics}: where the reader reports counts (the job's statistics).</li>
 * </ul>
 * This package depends on the client and mapping packages only; the job package wires it.
 */
package io.arktasksync.job.reader;
