package io.arktasksync.job.reader;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.arktasksync.job.reader.ListingQueue.Position;
import io.arktasksync.mapping.RawTaskItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.data.AbstractPaginatedDataItemReader;

/**
 * Reads every task of every {@link ListingSlice}, page by page, and keeps a {@link SliceLedger} of each: the Spring
 * Batch adapter over the collaborators of this package (see its javadoc). It only adapts: {@link #doPageRead} hands
 * on what a {@code ListingReader} returns next (which decides the order of reads over a {@code ListingQueue}), and
 * {@link #open}/{@link #update} restore and save a {@link ReaderCheckpoint} through a {@link CheckpointCodec}.
 * <p>
 * <b>Restart.</b> At each chunk boundary {@link #update} saves the listing, page and page size that supplied the
 * chunk's first item (with that listing's repair state and the narrowings); a restarted execution's {@link #open}
 * resumes there, reads that page again whole, and puts {@link #RESTARTED} in the step's context.
 * <p>
 * Not thread-safe, as its base class; use it from one thread (the prefetch threads only run HTTP calls).
 */
public class TaskPageReader extends AbstractPaginatedDataItemReader<RawTaskItem> {

    /** Put in the step's context when this execution resumed a failed one: its ids seen cover only part of a run. */
    public static final String RESTARTED = "reader.restarted";

    private static final Logger log = LoggerFactory.getLogger(TaskPageReader.class);

    private final Settings settings;

    private final Prefetcher prefetcher;

    private final PageProgress progress;

    private final CheckpointCodec codec;

    private final ListingQueue queue;

    private final ListingReader reader;

    /** Where the first item handed out since the last {@link #update} came from: where a restart begins. */
    private Position chunkStart;

    /**
     * @param pageSize the configured page size (an upstream that serves fewer is found out)
     * @param maxPageNum the highest page the API serves
     * @param prefetchPages pages fetched ahead of the step
     * @param endpointIds endpoint ids ({@code ep-...}) to also narrow by model with
     */
    public record Settings(int pageSize, int maxPageNum, int prefetchPages, List<String> endpointIds) {

        public Settings {
            endpointIds = endpointIds == null ? List.of() : List.copyOf(endpointIds);
        }
    }

    public TaskPageReader(PageSource source, List<ListingSlice> listings, Settings settings,
            ReadingStatistics statistics, Executor fetchExecutor, Supplier<Collection<String>> storedModels,
            PageProgress progress) {
        this(source, listings, settings, statistics, fetchExecutor, storedModels, progress, FollowUpListings.NONE,
                new IdSet());
    }

    /**
     * @param followUp asked once after the last listing, for listings that depend on what was read
     * @param listed filled with the ids this execution reads: what the API listed, for telling tasks gone upstream
     *        from tasks not read
     */
    public TaskPageReader(PageSource source, List<ListingSlice> listings, Settings settings,
            ReadingStatistics statistics, Executor fetchExecutor, Supplier<Collection<String>> storedModels,
            PageProgress progress, FollowUpListings followUp, IdSet listed) {
        this.settings = settings;
        this.prefetcher = new Prefetcher(source, fetchExecutor, settings.prefetchPages());
        this.progress = progress;
        listings.forEach(listing -> statistics.rootListing(listing.label()));
        setPageSize(settings.pageSize());
        setName("taskPageReader");
        this.codec = new CheckpointCodec(getExecutionContextKey(""));
        this.queue = new ListingQueue(listings, settings.pageSize(), settings.maxPageNum(),
                new CapNarrowing(storedModels, settings.endpointIds()), statistics, followUp);
        this.reader = new ListingReader(source, queue, settings.pageSize(), settings.maxPageNum(), statistics,
                prefetcher, progress, listed);
    }

    @Override
    protected Iterator<RawTaskItem> doPageRead() {
        return reader.next().iterator();
    }

    @Override
    public RawTaskItem read() throws Exception {
        RawTaskItem item = super.read();
        if (item != null && chunkStart == null) {
            chunkStart = reader.position();
        }
        return item;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        codec.read(executionContext, queue.listings(), settings.pageSize()).ifPresent(checkpoint -> {
            queue.restore(checkpoint);
            reader.resumedAt(new Position(queue.index(), checkpoint.page(), checkpoint.pageSize()));
            log.info("Resuming at page {} of listing {} of {}", checkpoint.page(), queue.index() + 1,
                    queue.listings().size());
            executionContext.putString(RESTARTED, "true");
        });
        super.open(executionContext);
    }

    @Override
    public void update(ExecutionContext executionContext) {
        super.update(executionContext);
        if (isSaveState()) {
            codec.write(queue.checkpoint(chunkStart == null ? reader.position() : chunkStart), executionContext);
        }
        chunkStart = null;
    }

    @Override
    protected void doClose() throws Exception {
        prefetcher.cancel();
        progress.close();
        super.doClose();
    }

    /** Position comes from {@link #open}: the page is read again whole, see {@link ReaderCheckpoint}. */
    @Override
    protected void jumpToItem(int itemIndex) {
    }
}
