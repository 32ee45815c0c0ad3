package io.arktasksync.client;

import java.time.Duration;

/**
 * Spaces requests to at most a configured rate, and slows down when the API says so.
 * <p>
 * The list call's rate limit is low and undocumented (about 1 request/s per account has been reported), so on a
 * 429 the pace halves (or, with no configured limit, drops to one request per second) and then recovers by a
 * quarter per successful request, up to the configured rate (or back to unlimited). Thread-safe: concurrent page
 * fetches share one pace.
 */
final class RequestPacer {

    /** Pace after a 429 when no rate was configured: the rate reported for this call. */
    private static final double FIRST_THROTTLED_RATE = 1.0;

    private static final double SLOWEST_RATE = 0.05;

    private static final double RECOVERY_FACTOR = 1.25;

    /** Above this the pacer stops spacing requests again when no rate was configured. */
    private static final double UNLIMITED_AGAIN_ABOVE = 50.0;

    private final double maxRate;

    /** Requests per second now; 0 means no spacing. */
    private double rate;

    private long nextSlotNanos;

    /** @param maxRequestsPerSecond 0 for no limit until the API throttles */
    RequestPacer(double maxRequestsPerSecond) {
        this.maxRate = maxRequestsPerSecond;
        this.rate = maxRequestsPerSecond;
    }

    /** Reserves the next request slot and returns how long to wait for it. */
    synchronized Duration reserve(long nowNanos) {
        if (rate <= 0) {
            return Duration.ZERO;
        }
        long slot = Math.max(nowNanos, nextSlotNanos);
        nextSlotNanos = slot + (long) (1_000_000_000L / rate);
        return Duration.ofNanos(slot - nowNanos);
    }

    synchronized void throttled() {
        rate = rate <= 0 ? FIRST_THROTTLED_RATE : Math.max(SLOWEST_RATE, rate / 2);
    }

    synchronized void succeeded() {
        if (rate <= 0) {
            return;
        }
        double recovered = rate * RECOVERY_FACTOR;
        if (maxRate > 0) {
            rate = Math.min(maxRate, recovered);
        }
        else {
            rate = recovered > UNLIMITED_AGAIN_ABOVE ? 0 : recovered;
        }
    }

    synchronized double currentRate() {
        return rate;
    }
}
