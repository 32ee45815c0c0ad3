package io.arktasksync.job;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.arktasksync.job.reader.FollowUpListings;
import io.arktasksync.job.reader.ListingSlice;
import io.arktasksync.persistence.PlanningDao;
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
 * Exact either way: a stored unfinished task is either in a listing this run read (its state as listed is stored)
 * or asked for by id. A task a listing skipped because the listing shifted under the reader is asked by id too.
 * The follow-up asks the database again rather than remembering the plan, so a resumed execution, whose plan and
 * seen ids may differ, still asks for every stored unfinished task it did not see.
 */
final class UnfinishedRecheck implements FollowUpListings {

    static final List<String> UNFINISHED = List.of("queued", "running");

    private static final Logger log = LoggerFactory.getLogger(UnfinishedRecheck.class);

    private final PlanningDao planning;

    private final int pageSize;

    /** Whose stored tasks: another account's unfinished tasks are that account's to recheck. */
    private final String account;

    /** The tiers this run rechecks, as the listings name them (null: the API's default tier). */
    private final List<String> tiers = new ArrayList<>();

    UnfinishedRecheck(PlanningDao planning, int pageSize, String account) {
        this.planning = planning;
        this.account = account;
        this.pageSize = pageSize;
    }

    /** The listings that recheck the stored unfinished tasks of one tier (a whole-tier listing of the plan). */
    List<ListingSlice> slices(ListingSlice tier) {
        tiers.add(tier.serviceTier());
        Map<String, List<String>> stored = new LinkedHashMap<>();
        for (String status : UNFINISHED) {
            stored.put(status, planning.unfinishedTaskIds(account, tierName(tier.serviceTier()), status));
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        stored.forEach((status, ids) -> counts.put(status, ids.size()));
        Set<String> listed = cheapestStatusesToList(counts, pageSize);
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

    /** By id, the stored unfinished tasks that no listing read so far showed and no by-id listing asked for. */
    @Override
    public List<ListingSlice> after(Predicate<String> seen, List<ListingSlice> read) {
        Set<String> asked = new HashSet<>();
        read.forEach(slice -> asked.addAll(slice.taskIds()));
        List<ListingSlice> slices = new ArrayList<>();
        for (String tier : tiers) {
            List<String> missing = new ArrayList<>();
            for (String status : UNFINISHED) {
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
