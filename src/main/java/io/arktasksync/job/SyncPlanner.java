package io.arktasksync.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.arktasksync.job.reader.ListingSlice;
import io.arktasksync.config.ArkProperties;
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
 */
public class SyncPlanner {

    private static final Logger log = LoggerFactory.getLogger(SyncPlanner.class);

    private final PlanningDao planning;

    private final ArkProperties properties;

    public SyncPlanner(PlanningDao planning, ArkProperties properties) {
        this.planning = planning;
        this.properties = properties;
    }

    public SyncMode chooseMode() {
        String whyFull = whyFull();
        if (whyFull != null) {
            log.info("Full run: {}", whyFull);
            return SyncMode.FULL;
        }
        log.info("Incremental run: newest pages of each tier and the tasks still queued or running "
                + "(ARK_FULL_SCAN=true forces a full run)");
        return SyncMode.INCREMENTAL;
    }

    private String whyFull() {
        ArkProperties.Filter filter = properties.filter();
        if (properties.fullScan()) {
            return "requested (ARK_FULL_SCAN / --full)";
        }
        if (filter.status() != null && !filter.status().isBlank() || filter.model() != null && !filter.model().isBlank()
                || !filter.taskIds().isEmpty()) {
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
        if (Duration.ofSeconds(sinceFull.get()).compareTo(properties.fullScanInterval()) > 0) {
            return "the last reconciled full run is older than ARK_FULL_SCAN_INTERVAL ("
                    + properties.fullScanInterval() + ")";
        }
        return null;
    }

    /**
     * @param recheck plans how an incremental run rechecks the stored unfinished tasks, and asks by id afterwards
     *        for those its listings did not show
     */
    public List<ListingSlice> slices(SyncMode mode, UnfinishedRecheck recheck) {
        List<ListingSlice> full = ListingPlan.slices(properties.filter());
        if (mode == SyncMode.FULL) {
            return full;
        }
        List<ListingSlice> heads = new ArrayList<>();
        for (ListingSlice tier : full) {
            String tierName = tier.serviceTier() == null ? "default" : tier.serviceTier();
            Long floor = planning.newestCreatedAt(properties.account(), tierName)
                .map(newest -> newest - properties.incrementalOverlap().toSeconds())
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
