package io.arktasksync.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.arktasksync.simulator.SimulatedTask;

/**
 * The reporting figures computed in Java from the simulator's tasks, independently of the SQL: what the views and
 * the report must show.
 */
final class ExpectedFigures {

    static final Set<String> FINISHED = Set.of("succeeded", "failed", "expired", "cancelled");

    private ExpectedFigures() {
    }

    /**
     * @param completionTokens null when no task of the group reported usage, as in the views
     */
    record Usage(long tasks, long tasksWithUsage, Long completionTokens, Long totalTokens) {

        static final Usage NONE = new Usage(0, 0, null, null);

        Usage plus(SimulatedTask task) {
            boolean reported = reportedUsage(task);
            return new Usage(tasks + 1, tasksWithUsage + (reported ? 1 : 0),
                    add(completionTokens, task.completionTokens()), add(totalTokens, task.totalTokens()));
        }

    }

    /** Adds a reported figure; null (nothing reported) stays null only while nothing was added. */
    static Long add(Long sum, Long value) {
        if (value == null) {
            return sum;
        }
        return sum == null ? value : sum + value;
    }

    /** The simulator sends a usage object when either count is present; the sync stores a usage row for it. */
    static boolean reportedUsage(SimulatedTask task) {
        return task.completionTokens() != null || task.totalTokens() != null;
    }

    static LocalDate day(SimulatedTask task) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(task.createdAt()), ZoneOffset.UTC);
    }

    static LocalDate month(SimulatedTask task) {
        return day(task).withDayOfMonth(1);
    }

    /** Usage per key (a key may be a list of several values). */
    static <K> Map<K, Usage> usageBy(Collection<SimulatedTask> tasks, Function<SimulatedTask, K> key) {
        Map<K, Usage> usage = new HashMap<>();
        for (SimulatedTask task : tasks) {
            usage.merge(key.apply(task), Usage.NONE.plus(task), (a, b) -> sum(List.of(a, b)));
        }
        return usage;
    }

    static Usage sum(Collection<Usage> usages) {
        long tasks = 0;
        long withUsage = 0;
        Long completion = null;
        Long total = null;
        for (Usage usage : usages) {
            tasks += usage.tasks();
            withUsage += usage.tasksWithUsage();
            completion = add(completion, usage.completionTokens());
            total = add(total, usage.totalTokens());
        }
        return new Usage(tasks, withUsage, completion, total);
    }

    /** Seconds from submission to the final status, for finished tasks; null when the task is not finished. */
    static Double latencySeconds(SimulatedTask task) {
        if (!FINISHED.contains(task.status()) || task.updatedAt() < task.createdAt()) {
            return null;
        }
        return (double) (task.updatedAt() - task.createdAt());
    }

    /** PostgreSQL's percentile_cont: linear interpolation between the two nearest ranks of the sorted values. */
    static double percentileCont(List<Double> sorted, double fraction) {
        double position = fraction * (sorted.size() - 1);
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        return sorted.get(lower) + (position - lower) * (sorted.get(upper) - sorted.get(lower));
    }
}
