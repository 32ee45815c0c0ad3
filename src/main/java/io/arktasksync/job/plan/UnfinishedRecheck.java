package io.arktasksync.job.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import io.arktasksync.job.reader.FollowUpListings;
import io.arktasksync.job.reader.ListingSlice;
import io.arktasksync.job.reader.PageSource;
import io.arktasksync.persistence.PlanningDao;
import io.arktasksync.persistence.StoredQueuedTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How an incremental run re-checks the stored tasks that were still {@code queued} or {@code running}, the only
 * stored tasks that can have changed. Two ways, chosen per tier and status from the stored counts, whichever needs
 * fewer requests:
 * <ul>
 * <li>by id, {@value ListingPlan#TASK_IDS_PER_REQUEST} per request: cheapest for the usual few unfinished tasks;</li>
 * <li>by reading the tier's {@code queued} (or {@code running}) listing whole, a page size per request, and then
 * asking by id only for the stored tasks of that status no listing of the run showed: they moved on (or were
 * deleted). A backlog of tens of thousands of queued flex tasks costs its pages, not five times as many requests.</li>
 * </ul>
 * Before reading a queued listing whole, two of its pages are counted against the stored queued tasks
 * ({@link QueuedBacklogProbe}): when the count proves which of them left the queue (the oldest, as a queue drains),
 * only those are asked for by id, and a backlog costs a few requests.
 * <p>
 * Exact every way: a stored unfinished task is in a listing this run read (its state as listed is stored), asked
 * for by id, or proven still queued. A task a listing skipped because the listing shifted under the reader is asked
 * by id too. The follow-up asks the database again rather than remembering which tasks it saw, so a resumed
 * execution, whose seen ids may differ, still asks for every stored unfinished task of a listing it did not see.
 */
final class UnfinishedRecheck implements FollowUpListings {

    static final List<String> UNFINISHED = List.of("queued", "running");

    private static final Logger log = LoggerFactory.getLogger(UnfinishedRecheck.class);

    private final PlanningDao planning;

    private final PageSource pages;

    private final int pageSize;

    private final int maxPageNum;

    /** Whose stored tasks: another account's unfinished tasks are that account's to recheck. */
    private final String account;

    /** The tiers this run rechecks, as the listings name them (null: the API's default tier). */
    private final List<String> tiers = new ArrayList<>();

    UnfinishedRecheck(PlanningDao planning, PageSource pages, int pageSize, int maxPageNum, String account) {
        this.planning = planning;
        this.pages = pages;
        this.account = account;
        this.pageSize = pageSize;
        this.maxPageNum = maxPageNum;
    }

    /**
     * The listings that recheck the stored unfinished tasks of one tier (a whole-tier listing of the plan).
     *
     * @param floor the tier's incremental floor (Unix seconds), null when the database holds none of its tasks
     */
    List<ListingSlice> slices(ListingSlice tier, Long floor) {
        tiers.add(tier.serviceTier());
        Map<String, List<String>> stored = new LinkedHashMap<>();
        for (String status : UNFINISHED) {
            stored.put(status, planning.unfinishedTaskIds(account, tierName(tier.serviceTier()), status));
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        stored.forEach((status, ids) -> counts.put(status, ids.size()));
        Set<String> listed = new HashSet<>(cheapestStatusesToList(counts, pageSize));
        if (listed.contains("queued") && floor != null) {
            Optional<List<String>> left = leftTheQueue(tier.serviceTier(), floor);
            if (left.isPresent()) {
                listed.remove("queued");
                stored.put("queued", left.get());
            }
        }
        List<ListingSlice> slices = new ArrayList<>();
        List<String> byId = new ArrayList<>();
        for (Map.Entry<String, List<String>> status : stored.entrySet()) {
            if (listed.contains(status.getKey())) {
                slices.add(new ListingSlice(status.getKey(), null, List.of(), tier.serviceTier()));
            }
            else {
                byId.addAll(status.getValue());
            }
        }
        slices.addAll(byIdListings(byId, tier.serviceTier()));
        if (!listed.isEmpty()) {
            log.info("Tier {}: {} stored unfinished task(s); reading the {} listing(s), then by id the ones not listed",
                    tierName(tier.serviceTier()), stored.values().stream().mapToInt(List::size).sum(), listed);
        }
        return slices;
    }

    /**
     * The statuses whose listing is cheaper to read than asking for their tasks by id: every combination is costed
     * as listing pages plus id requests for the rest. The tasks that moved on are asked by id either way; their
     * number is not known before reading, so it does not enter the choice (at worst, every listed task moved on,
     * the listings' pages are spent on top of the id requests: a fifth more).
     */
    static Set<String> cheapestStatusesToList(Map<String, Integer> stored, int pageSize) {
        List<String> statuses = new ArrayList<>(stored.keySet());
        Set<String> best = Set.of();
        long bestCost = Long.MAX_VALUE;
        for (int mask = 0; mask < 1 << statuses.size(); mask++) {
            Set<String> listed = new HashSet<>();
            long pages = 0;
            long byId = 0;
            for (int i = 0; i < statuses.size(); i++) {
                int count = stored.get(statuses.get(i));
                if ((mask & 1 << i) != 0) {
                    listed.add(statuses.get(i));
                    pages += Math.max(1, ceilDiv(count, pageSize));
                }
                else {
                    byId += count;
                }
            }
            long cost = pages + ceilDiv(byId, ListingPlan.TASK_IDS_PER_REQUEST);
            // Strictly cheaper only: on a tie, asking by id is exact without relying on a listing.
            if (cost < bestCost) {
                best = listed;
                bestCost = cost;
            }
        }
        return best;
    }

    /**
     * By id, the stored unfinished tasks of the statuses whose listing was read that no listing read so far showed
     * and no by-id listing asked for.
     */
    @Override
    public List<ListingSlice> after(Predicate<String> seen, List<ListingSlice> read) {
        Set<String> asked = new HashSet<>();
        read.forEach(slice -> asked.addAll(slice.taskIds()));
        List<ListingSlice> slices = new ArrayList<>();
        for (String tier : tiers) {
            List<String> missing = new ArrayList<>();
            for (String status : UNFINISHED) {
                if (!listingRead(read, tier, status)) {
                    continue; // asked for by id in the plan, or proven still queued
                }
                for (String id : planning.unfinishedTaskIds(account, tierName(tier), status)) {
                    if (!seen.test(id) && !asked.contains(id)) {
                        missing.add(id);
                    }
                }
            }
            if (!missing.isEmpty()) {
                log.info("Tier {}: {} stored unfinished task(s) were in no listing read: asking for them by id",
                        tierName(tier), missing.size());
            }
            slices.addAll(byIdListings(missing, tier));
        }
        return slices;
    }

    /**
     * The recheck's status listings: of the stored tasks they do not show (skipped as the listing drains while it is
     * read), {@link #after} asks for every one by id, and the new ones are the heads' to read.
     */
    @Override
    public boolean covers(ListingSlice listing) {
        return listing.taskIds().isEmpty() && listing.createdFrom() == null && UNFINISHED.contains(listing.status())
                && tiers.contains(listing.serviceTier());
    }

    /**
     * The stored queued tasks of a tier that left the queue, when two pages of the queued listing prove which;
     * empty when they do not.
     */
    private Optional<List<String>> leftTheQueue(String serviceTier, long floor) {
        String tier = tierName(serviceTier);
        if (planning.tasksWithUnknownStatus(account, tier) > 0) {
            log.info("Tier {}: tasks with a status this version does not know are stored: reading the queued listing",
                    tier);
            return Optional.empty();
        }
        List<StoredQueuedTask> stored = planning.storedQueued(account, tier);
        QueuedBacklogProbe.Outcome outcome;
        try {
            outcome = new QueuedBacklogProbe(pages, pageSize, maxPageNum).probe(serviceTier,
                    stored.stream().map(task -> new QueuedBacklogProbe.StoredQueued(task.id(), task.createdAt()))
                        .toList(),
                    floor);
        }
        catch (RuntimeException e) {
            // the listing's own read meets the same failure and reports it; reading it whole is never wrong
            log.info("Tier {}: could not count the queued listing ({}): reading it", tier, e.getMessage());
            return Optional.empty();
        }
        if (!outcome.proven()) {
            log.info("Tier {}: {} request(s) could not prove which stored queued tasks left the queue ({}): reading "
                    + "the queued listing", tier, outcome.requests(), outcome.whyNot());
            return Optional.empty();
        }
        Set<String> recheck = new HashSet<>();
        stored.stream().filter(StoredQueuedTask::recheck).forEach(task -> recheck.add(task.id()));
        // asked by id either way: reading the listing would only show that they are not in it
        List<String> left = outcome.left().stream().filter(recheck::contains).toList();
        log.info("Tier {}: {} request(s) proved which of {} stored queued tasks left the queue: asking for those {} "
                + "by id", tier, outcome.requests(), stored.size(), left.size());
        return Optional.of(left);
    }

    private static boolean listingRead(List<ListingSlice> read, String serviceTier, String status) {
        return read.stream().anyMatch(slice -> slice.taskIds().isEmpty() && status.equals(slice.status())
                && Objects.equals(slice.serviceTier(), serviceTier));
    }

    private static List<ListingSlice> byIdListings(List<String> ids, String serviceTier) {
        List<ListingSlice> slices = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += ListingPlan.TASK_IDS_PER_REQUEST) {
            slices.add(new ListingSlice(null, null,
                    ids.subList(from, Math.min(from + ListingPlan.TASK_IDS_PER_REQUEST, ids.size())), serviceTier));
        }
        return slices;
    }

    private static String tierName(String serviceTier) {
        return serviceTier == null ? "default" : serviceTier;
    }

    private static long ceilDiv(long count, long per) {
        return (count + per - 1) / per;
    }
}
