package io.arktasksync.job.reader;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Writes a {@link ReaderCheckpoint} into the step's {@link ExecutionContext} and reads it back. The keys are those
 * of earlier versions (an execution that failed before an upgrade resumes after it); the page size is new and
 * defaults to the configured one.
 */
final class CheckpointCodec {

    static final String LISTINGS_KEY = "slices";

    static final String LISTING_KEY = "slice.index";

    static final String PAGE_KEY = "slice.page";

    static final String PAGE_SIZE_KEY = "slice.pageSize";

    static final String TOTAL_KEY = "slice.total";

    static final String REREADS_KEY = "slice.repairs";

    static final String NARROWED_KEY = "narrowed";

    private final String prefix;

    /** @param prefix the reader's name and a dot, as {@code ItemStreamSupport} prefixes its keys */
    CheckpointCodec(String prefix) {
        this.prefix = prefix;
    }

    void write(ReaderCheckpoint checkpoint, ExecutionContext context) {
        context.putString(prefix + LISTINGS_KEY,
                checkpoint.listings().stream().map(ListingSlice::encode).collect(Collectors.joining("\n")));
        context.putInt(prefix + LISTING_KEY, checkpoint.listing());
        context.putInt(prefix + PAGE_KEY, checkpoint.page());
        context.putInt(prefix + PAGE_SIZE_KEY, checkpoint.pageSize());
        context.putLong(prefix + TOTAL_KEY, checkpoint.lastTotal());
        context.putString(prefix + REREADS_KEY,
                checkpoint.rereads().stream().map(String::valueOf).collect(Collectors.joining(",")));
        context.putString(prefix + NARROWED_KEY, String.join("\n", checkpoint.narrowings()));
    }

    /**
     * @param listings the listings planned for this execution, used when the context saved none
     * @return empty when the context holds no position (a first execution)
     */
    Optional<ReaderCheckpoint> read(ExecutionContext context, List<ListingSlice> listings, int configuredPageSize) {
        if (!context.containsKey(prefix + LISTING_KEY)) {
            return Optional.empty();
        }
        List<ListingSlice> saved = context.containsKey(prefix + LISTINGS_KEY)
                ? context.getString(prefix + LISTINGS_KEY).lines().map(ListingSlice::decode).toList() : listings;
        String rereads = context.getString(prefix + REREADS_KEY, "");
        return Optional.of(new ReaderCheckpoint(saved, context.getInt(prefix + LISTING_KEY),
                context.getInt(prefix + PAGE_KEY), context.getInt(prefix + PAGE_SIZE_KEY, configuredPageSize),
                context.getLong(prefix + TOTAL_KEY, -1L),
                rereads.isEmpty() ? List.of() : Arrays.stream(rereads.split(",")).map(Integer::valueOf).toList(),
                context.getString(prefix + NARROWED_KEY, "").lines().toList()));
    }
}
