package io.arktasksync.job.plan;

import java.util.List;

import io.arktasksync.job.reader.FollowUpListings;
import io.arktasksync.job.reader.ListingSlice;

/**
 * What one job execution reads ({@link SyncPlanner#plan}): its listings in order, and the listings that depend on
 * what those showed (none in a full run).
 */
public record SyncPlan(List<ListingSlice> listings, FollowUpListings followUp) {

    public SyncPlan {
        listings = List.copyOf(listings);
    }
}
