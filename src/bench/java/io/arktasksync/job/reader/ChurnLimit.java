package io.arktasksync.job.reader;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import io.arktasksync.job.SyncRunStatistics;
import io.arktasksync.mapping.RawTaskItem;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Up to which churn rate one run reads a listing completely, and whether it ever claims more than it read. The
 * reader pages through an in-memory upstream ({@link FakeListing}, the unit tests' own) while, before every request,
 * 1 task arrives at the head and {@code d} tasks are deleted at random positions. Per rate and seed it prints whether
 * every task that lived through the run was read ("complete"), whether the ledger said so ("reconciled"), and
 * whether the ledger was honest (never reconciled while incomplete). Counts only, no timing: run it anywhere.
 * <p>
 * Arguments: tasks, page size, seeds, then the deletion rates, e.g. {@code 20000 500 2 30 60 100 124 150}.
 */
public final class ChurnLimit {

    private ChurnLimit() {
    }

    public static void main(String[] args) throws Exception {
        int tasks = Integer.parseInt(args[0]);
        int pageSize = Integer.parseInt(args[1]);
        int seeds = Integer.parseInt(args[2]);
        for (int a = 3; a < args.length; a++) {
            int deletes = Integer.parseInt(args[a]);
            int complete = 0;
            int reconciled = 0;
            int honest = 0;
            long requests = 0;
            for (int seed = 0; seed < seeds; seed++) {
                Run run = run(tasks, pageSize, deletes, seed);
                complete += run.complete() ? 1 : 0;
                reconciled += run.reconciled() ? 1 : 0;
                honest += !run.reconciled() || run.complete() ? 1 : 0;
                requests += run.requests();
            }
            System.out.printf("tasks=%d page=%d deletes/request=%d complete=%d/%d reconciled=%d/%d honest=%d/%d "
                    + "requests/run=%d%n", tasks, pageSize, deletes, complete, seeds, reconciled, seeds, honest, seeds,
                    requests / seeds);
        }
    }

    private static Run run(int tasks, int pageSize, int deletes, long seed) throws Exception {
        FakeListing api = new FakeListing().add("cgt-", tasks);
        List<String> initial = api.ids();
        Set<String> deleted = new HashSet<>();
        Random random = new Random(seed);
        int[] added = { 0 };
        api.beforeEachRequest(listing -> {
            listing.add("new-" + added[0]++ + "-", 1);
            List<String> ids = new ArrayList<>(listing.ids());
            for (int i = 0; i < deletes && !ids.isEmpty(); i++) {
                String victim = ids.remove(random.nextInt(ids.size()));
                listing.remove(victim);
                deleted.add(victim);
            }
        });
        SyncRunStatistics statistics = new SyncRunStatistics();
        TaskPageReader reader = new TaskPageReader(api, List.of(new ListingSlice(null, null, List.of(), "default")),
                new TaskPageReader.Settings(pageSize, 500, 0, List.of()), statistics, Runnable::run, List::of,
                PageProgress.NONE);
        reader.open(new ExecutionContext());
        Set<String> read = new HashSet<>();
        for (RawTaskItem item = reader.read(); item != null; item = reader.read()) {
            read.add(item.item().get("id").stringValue());
        }
        reader.close();
        List<String> survivors = new ArrayList<>(initial);
        survivors.removeAll(deleted);
        return new Run(read.containsAll(survivors), statistics.reconciled(), api.requests().size());
    }

    private record Run(boolean complete, boolean reconciled, int requests) {
    }
}
