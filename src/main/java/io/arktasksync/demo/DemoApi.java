package io.arktasksync.demo;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;

import io.arktasksync.simulator.SimulatedApi;
import io.arktasksync.simulator.SimulatedTask;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code --demo}: the built-in simulated Ark API on loopback, serving the {@link DemoWorld} of the database the
 * run writes to. The API starts empty (its URL is a setting of the run) and is filled once the database is known:
 * the first demo run fixes the world's epoch, each completed demo run moves it on one step.
 */
public final class DemoApi implements AutoCloseable {

    public static final String API_KEY = "demo-key";

    /**
     * The demo's account name, whatever database it writes to: its runs, planning, lock and gone-marking are its
     * own, never those of a real account.
     */
    public static final String ACCOUNT = "demo";

    /** The demo's own path, by which its runs are told apart in ark.sync_runs. */
    static final String PATH_PREFIX = "/demo/api/v3";

    private final SimulatedApi simulator;

    private final int tasks;

    private DemoApi(SimulatedApi simulator, int tasks) {
        this.simulator = simulator;
        this.tasks = tasks;
    }

    public static DemoApi start(int tasks) {
        return new DemoApi(SimulatedApi.start(PATH_PREFIX, API_KEY), tasks);
    }

    public String baseUrl() {
        return simulator.baseUrl();
    }

    /**
     * Serves this database's demo world and says on {@code out} which step of it this run sees.
     *
     * @param jdbi the run's database, migrated
     */
    public void serveWorldOf(Jdbi jdbi, PrintStream out) {
        DemoDao dao = jdbi.onDemand(DemoDao.class);
        dao.fixEpoch();
        Instant epoch = dao.epoch().toInstant();
        int step = dao.completedRuns("http://127.0.0.1:%" + PATH_PREFIX + "/%");
        List<SimulatedTask> world = DemoWorld.at(tasks, epoch, step);
        simulator.putAll(world);
        if (step == 0) {
            out.println("Demo: a simulated Ark account with " + world.size() + " tasks at " + simulator.baseUrl()
                    + " (run --demo again to see it an hour later)");
        }
        else {
            // counted against the database, not the first run: --demo-tasks may have changed the account's size
            long notStored = Math.max(0, world.size() - dao.storedTasks(ACCOUNT));
            out.println("Demo: the simulated account " + step + " hour(s) on: " + world.size() + " tasks, "
                    + notStored + " of them not stored yet, some running ones finished");
        }
    }

    @Override
    public void close() {
        simulator.close();
    }
}
