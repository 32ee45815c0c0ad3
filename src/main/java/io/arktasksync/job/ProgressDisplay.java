package io.arktasksync.job;

import java.io.Console;
import java.lang.reflect.Method;
import java.time.Clock;

import io.arktasksync.job.reader.PageProgress;

/**
 * Chooses how a run shows its progress: a {@link TerminalProgressBar} when someone watches it on an interactive
 * terminal, otherwise the {@link ProgressLog} lines that cron logs, Kubernetes and log shippers keep.
 */
public class ProgressDisplay {

    private final boolean bar;

    private final int progressEveryPages;

    private final Clock clock;

    /**
     * @param bar whether to show a bar, see {@link #showBar}
     * @param progressEveryPages a progress line every this many pages when there is no bar (0 = none)
     */
    ProgressDisplay(boolean bar, int progressEveryPages, Clock clock) {
        this.bar = bar;
        this.progressEveryPages = progressEveryPages;
        this.clock = clock;
    }

    /**
     * @param allowed {@code ark.progress-bar=auto}
     * @param interactiveTerminal the process runs on a terminal (see {@link #interactiveTerminal()})
     * @param structuredLogs the console log is JSON ({@code logging.structured.format.console}): its reader is a
     *        program, to which a bar is noise in the stream
     */
    static boolean showBar(boolean allowed, boolean interactiveTerminal, boolean structuredLogs) {
        return allowed && interactiveTerminal && !structuredLogs;
    }

    /**
     * Whether this process's standard input and output are a terminal. Up to Java 21 {@link System#console()}
     * exists only then; from Java 22 on it also exists when they are redirected, and {@code Console.isTerminal()}
     * (new in 22, so called reflectively from this Java 17 code) tells.
     */
    static boolean interactiveTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console));
        }
        catch (NoSuchMethodException beforeJava22) {
            return true;
        }
        catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** The progress display of one step execution; the reader closes it when the step ends. */
    PageProgress forRun(SyncRunStatistics statistics, int pageSize) {
        if (bar) {
            return TerminalProgressBar.onStandardError(statistics, System.err);
        }
        return new ProgressLog(statistics, pageSize, progressEveryPages, clock);
    }
}
