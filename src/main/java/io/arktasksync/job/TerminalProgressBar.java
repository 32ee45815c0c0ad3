package io.arktasksync.job;

import java.io.PrintStream;

import io.arktasksync.job.reader.PageProgress;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on an interactive terminal (me.tongfei:progressbar, drawn by {@link ProgressLine}): tasks read of
 * the configured listings' totals, with the rate and the time left, fitted to the terminal's width. It follows the run's {@link SyncRunStatistics} on every page; the library
 * redraws it on its own thread about once a second. Only {@link ProgressDisplay} decides to show it: never when
 * the output goes to a file, a pipe or a log shipper.
 */
final class TerminalProgressBar implements PageProgress {

    private final SyncRunStatistics statistics;

    private final ProgressBar bar;

    private boolean closed;

    TerminalProgressBar(SyncRunStatistics statistics, ProgressBarConsumer consumer) {
        this.statistics = statistics;
        // Unknown total until the first page of each listing has answered: the bar starts without one.
        this.bar = new ProgressBarBuilder().setTaskName("Syncing")
            .setInitialMax(-1)
            .setStyle(ProgressBarStyle.ASCII)
            // our own line: the library's leaves a bar of 1-2 characters on 80 columns and cuts the line
            .setRenderer(new ProgressLine())
            .setConsumer(consumer)
            .build();
    }

    /**
     * Draws on standard error, redrawing its line with a carriage return: log lines (standard output) that come in
     * between stay readable, where a bar that moves the cursor up would overwrite them.
     */
    static TerminalProgressBar onStandardError(SyncRunStatistics statistics, PrintStream standardError) {
        return new TerminalProgressBar(statistics, new ConsoleProgressBarConsumer(standardError));
    }

    @Override
    public void pageRead() {
        long read = statistics.itemsRead();
        Long total = statistics.apiTotal();
        if (total != null && total > 0) {
            // When tasks that arrive during the run take the count past the starting totals, the bar raises its
            // total to the count by itself.
            bar.maxHint(total);
        }
        bar.stepTo(read);
        bar.setExtraMessage(" page " + statistics.pages());
    }

    /**
     * An incremental run reads only the newest pages: what it read is the whole of its work, so the bar ends full
     * rather than at the few percent of the listings' totals it read. Done at once, so that the lines the run logs
     * at its end start on a line of their own.
     */
    @Override
    public void readingFinished() {
        long read = statistics.itemsRead();
        if (read > 0) {
            bar.maxHint(read);
        }
        bar.stepTo(read);
        close();
    }

    /** Draws the final state once and stops the redrawing; the step may close its reader more than once. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            bar.close();
        }
    }

    long current() {
        return bar.getCurrent();
    }

    long max() {
        return bar.getMax();
    }

    /** Whether the bar has no total yet (it shows the count and the rate only). */
    boolean indefinite() {
        return bar.isIndefinite();
    }
}
