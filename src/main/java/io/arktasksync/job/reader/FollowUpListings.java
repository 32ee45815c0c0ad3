package io.arktasksync.job.reader;

import java.util.List;
import java.util.function.Predicate;


/** Listings a run can only plan once it has read the others, such as asking by id for the tasks they did not show. */
@FunctionalInterface
public interface FollowUpListings {

    FollowUpListings NONE = (seen, read) -> List.of();

    /**
     * Called once per execution, after every listing was read. A resumed execution calls it again, with the
     * listings it restored (the follow-up ones included, when the failed execution had got that far).
     *
     * @param seen whether this execution's reader saw an id (a resumed execution's reader saw only part of the run)
     * @param read the listings read so far
     * @return listings to read next, none to finish
     */
    List<ListingSlice> after(Predicate<String> seen, List<ListingSlice> read);

    /**
     * Whether whatever {@code listing} does not show of the tasks that matter is asked for afterwards anyway (by
     * {@link #after}): such a listing is read once forward, without shift repair, narrowing or completeness rules,
     * since a task it skips costs an id request, never a miss, and a listing flagged for it would make the next run
     * a full one for nothing.
     */
    default boolean covers(ListingSlice listing) {
        return false;
    }
}
