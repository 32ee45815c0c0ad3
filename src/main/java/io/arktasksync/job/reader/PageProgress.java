package io.arktasksync.job.reader;

/**
 * What the reader tells about its progress: a page was read (the run's {@link SyncRunStatistics} already count it),
 * and reading ended. Implementations show it as log lines ({@link ProgressLog}) or as a bar on a terminal
 * ({@link TerminalProgressBar}); {@link ProgressDisplay} chooses. Called from the reader's thread only.
 */
public interface PageProgress extends AutoCloseable {

    /** Shows nothing. */
    PageProgress NONE = new PageProgress() {

        @Override
        public void pageRead() {
        }
    };

    void pageRead();

    /** Every listing was read to its end: what was read is all there was. */
    default void readingFinished() {
    }

    /** The step ended, whichever way; releases whatever the display holds. */
    @Override
    default void close() {
    }
}
