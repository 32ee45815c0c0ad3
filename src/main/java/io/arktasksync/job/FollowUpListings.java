package io.arktasksync.job;

import java.util.List;
import java.util.function.Predicate;

import io.arktasksync.client.ListingSlice;

/** Listings a run can only plan once it has read the others, such as asking by id for the tasks they did not show. */
@FunctionalInterface
public interface FollowUpListings {

    FollowUpListings NONE = (seen, read) -> List.of();

    /**
     * Called once, after every planned listing was read (a resumed execution calls it again unless its listings
     * already include the follow-up ones).
     *
     * @param seen whether this execution's reader saw an id (a resumed execution's reader saw only part of the run)
     * @param read the listings read so far
     * @return listings to read next, none to finish
     */
    List<ListingSlice> after(Predicate<String> seen, List<ListingSlice> read);
}
