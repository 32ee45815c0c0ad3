package io.arktasksync.job.reader;

import java.util.List;

/**
 * Where a restarted execution begins, saved at each chunk boundary: the listings (narrower ones included), the
 * listing and page that supplied the chunk's first item, the page size that page was read in, and the repair state
 * of that listing (its last total and the re-reads it still owed). A restart reads that page again whole: re-writing
 * a chunk's worth of items is harmless, skipping by item count would lose tasks when pages shifted meanwhile.
 *
 * @param lastTotal -1 when the restart begins in a listing other than the one being read (read from its start)
 * @param narrowings {@link NarrowedListing#encode()} lines
 */
record ReaderCheckpoint(List<ListingSlice> listings, int listing, int page, int pageSize, long lastTotal,
        List<Integer> rereads, List<String> narrowings) {

    ReaderCheckpoint {
        listings = List.copyOf(listings);
        rereads = List.copyOf(rereads);
        narrowings = List.copyOf(narrowings);
    }
}
