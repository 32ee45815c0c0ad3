package io.arktasksync.archive;

/**
 * The optional cap on the bytes per second of all downloads together ({@code ARK_ARCHIVE_MAX_BANDWIDTH}): a token
 * bucket holding at most one second of bytes, so a burst after a pause stays within the cap.
 */
final class Bandwidth {

    private final long bytesPerSecond;

    private double available;

    private long refilledNanos = System.nanoTime();

    /** @param bytesPerSecond 0 for no cap */
    Bandwidth(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
        this.available = bytesPerSecond;
    }

    /** Waits until {@code bytes} more may be received. */
    void acquire(int bytes) throws InterruptedException {
        if (bytesPerSecond <= 0) {
            return;
        }
        long waitNanos;
        synchronized (this) {
            long now = System.nanoTime();
            available = Math.min(bytesPerSecond, available + (now - refilledNanos) * bytesPerSecond / 1e9);
            refilledNanos = now;
            available -= bytes;
            waitNanos = available >= 0 ? 0 : (long) (-available * 1e9 / bytesPerSecond);
        }
        if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }
}
