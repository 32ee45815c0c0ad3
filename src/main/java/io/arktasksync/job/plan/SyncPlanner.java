package io.arktasksync.job.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.arktasksync.job.reader.FollowUpListings;
import io.arktasksync.job.reader.ListingSlice;
import io.arktasksync.job.reader.PageSource;
import io.arktasksync.config.AccountSettings;
import io.arktasksync.config.ListingSettings;
import io.arktasksync.persistence.PlanningDao;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses between a full and an incremental run, and plans the listings of each.
 * <p>
 * Incremental is the cron case: it needs a database whose last completed run reconciled, and a reconciled full run
 * younger than {@code ARK_FULL_SCAN_INTERVAL} (the periodic full run is what notices tasks deleted upstream and
 * anything an incremental run cannot see). Filters other than the tier always mean a full run of what they select.
 * A task can only change after it is listed by moving on from {@code queued}/{@code running}, and new tasks enter at
 * the head of the listing, so an incremental run reads each tier's head down to the newest stored task minus
 * {@code ARK_INCREMENTAL_OVERLAP}, plus every stored unfinished task ({@link UnfinishedRecheck}).
 * <p>
 * The mode is chosen before the job starts (it becomes the job parameter a restart keeps); the listings are
 * planned when the step starts, once per job execution ({@link io.arktasksync.job.AccountContext#plan()}).
 */
public class SyncPlanner {

    private static final Logger log = LoggerFactory.getLogger(SyncPlanner.class);

    private final PlanningDao planning;

    private final ListingSettings listing;

    public SyncPlanner(PlanningDao planning, ListingSettings listing) {
        this.planning = planning;
        this.listing = listing;
    }

    /** @param properties the account's settings */
    public SyncMode chooseMode(AccountSettings properties) {
        String whyFull = whyFull(properties);
        if (whyFull != null) {
            log.info("Full run: {}", whyFull);
            return SyncMode.FULL;
        }
        log.info("Incremental run: newest pages of each tier and the tasks still queued or running "
                + "(ARK_FULL_SCAN=true forces a full run)");
        return SyncMode.INCREMENTAL;
    }

    private String whyFull(AccountSettings properties) {
        if (listing.fullScan()) {
            return "requested (ARK_FULL_SCAN / --full)";
        }
        if (!ListingPlan.wholeTiers(properties.filter())) {
            return "status, model or task id filters are configured";
        }
        Optional<Boolean> lastReconciled = planning.lastCompletedRunReconciled(properties.account());
        if (lastReconciled.isEmpty()) {
            return "no run of account " + properties.account() + " has completed on this database yet";
        }
        if (!lastReconciled.get()) {
            return "the last completed run did not reconcile (see ark.sync_ledger)";
        }
        Optional<Long> sinceFull = planning.secondsSinceLastFullRun(properties.account());
        if (sinceFull.isEmpty()) {
            return "no reconciled full run yet";
        }
        if (Duration.ofSeconds(sinceFull.get()).compareTo(listing.fullScanInterval()) > 0) {
            return "the last reconciled full run is older than ARK_FULL_SCAN_INTERVAL ("
                    + listing.fullScanInterval() + ")";
        }
        return null;
    }

    /**
     * The listings of one run, and in an incremental run the follow-up that asks by id for the stored unfinished
     * tasks its listings did not show.
     *
     * @param properties the account's settings
     * @param pages the account's API
     */
    public SyncPlan plan(AccountSettings properties, SyncMode mode, PageSource pages) {
        UnfinishedRecheck recheck = new UnfinishedRecheck(planning, pages, listing.pageSize(),
                listing.maxPageNum(), properties.account());
        return new SyncPlan(slices(properties, mode, recheck), mode == SyncMode.FULL ? FollowUpListings.NONE : recheck);
    }

    /**
     * @param recheck plans how an incremental run rechecks the stored unfinished tasks, and asks by id afterwards
     *        for those its listings did not show
     */
    private List<ListingSlice> slices(AccountSettings properties, SyncMode mode, UnfinishedRecheck recheck) {
        List<ListingSlice> full = ListingPlan.slices(properties.filter());
        if (mode == SyncMode.FULL) {
            return full;
        }
        List<ListingSlice> heads = new ArrayList<>();
        for (ListingSlice tier : full) {
            Long floor = planning.newestCreatedAt(properties.account(), ListingPlan.tierName(tier))
                .map(newest -> newest - listing.incrementalOverlap().toSeconds())
                .orElse(null);
            heads.add(tier.withCreatedFrom(floor));
        }
        List<ListingSlice> slices = new ArrayList<>(heads);
        for (ListingSlice head : heads) {
            slices.addAll(recheck.slices(head.withCreatedFrom(null), head.createdFrom()));
        }
        return slices;
    }
}
