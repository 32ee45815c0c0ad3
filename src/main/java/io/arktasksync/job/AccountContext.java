package io.arktasksync.job;

import java.util.Set;

import io.arktasksync.client.ArkApiClient;
import io.arktasksync.config.AccountSettings;
import io.arktasksync.config.ListingSettings;
import io.arktasksync.job.reader.BrokenPageIsolation;
import io.arktasksync.job.reader.PageSource;
import io.arktasksync.job.plan.ListingPlan;
import io.arktasksync.job.plan.SyncMode;
import io.arktasksync.job.plan.SyncPlan;
import io.arktasksync.job.plan.SyncPlanner;

/**
 * The account one job execution syncs: its settings, its API client, the run's {@link SyncMode} and the listings
 * it reads. Made once per job execution from the job's parameters (the account's name, which identifies the job
 * instance, and the mode chosen at its start, which a restart keeps), and handed to every bean of the job that
 * needs the account, instead of each looking it up again.
 * <p>
 * Job-scoped (a process may sync several accounts at once, each in its own job execution); its methods are public
 * for the scoped proxy.
 */
public class AccountContext {

    private final AccountSettings settings;

    private final ListingSettings listing;

    private final ArkApiClient client;

    private final SyncMode mode;

    private final SyncPlanner planner;

    private SyncPlan plan;

    AccountContext(AccountSettings settings, ListingSettings listing, ArkApiClient client, SyncMode mode,
            SyncPlanner planner) {
        this.settings = settings;
        this.listing = listing;
        this.client = client;
        this.mode = mode;
        this.planner = planner;
    }

    /** The account's name: its lock, its rows, its metric labels. */
    public String account() {
        return settings.account();
    }

    /** The account's own settings (the shared ones are beans of their own). */
    public AccountSettings settings() {
        return settings;
    }

    public ArkApiClient client() {
        return client;
    }

    /**
     * Where the job's pages come from: the client, with a page broken inside its items read again in smaller pages
     * ({@link BrokenPageIsolation}, which may narrow by the account's endpoint ids) rather than failing the account on
     * every run.
     */
    public PageSource pages() {
        return new BrokenPageIsolation(client::listTasks, listing.maxPageNum(), settings.endpointIds());
    }

    public SyncMode mode() {
        return mode;
    }

    /**
     * The listings this execution reads, planned on first use, when the step starts (planning reads the database
     * and logs what an incremental run rechecks), and then kept for the execution.
     */
    public SyncPlan plan() {
        if (plan == null) {
            plan = planner.plan(settings, mode, pages());
        }
        return plan;
    }

    /** The tiers this execution's listings read, by their stored name. */
    public Set<String> tiersRead() {
        return ListingPlan.tiers(settings.filter());
    }

    /** Whether the listings read whole tiers, so that a task not listed may be gone upstream. */
    public boolean readsWholeTiers() {
        return ListingPlan.wholeTiers(settings.filter());
    }
}
