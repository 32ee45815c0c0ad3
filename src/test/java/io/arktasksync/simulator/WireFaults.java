package io.arktasksync.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Queue of transport-level damage applied to the next responses, whatever their content (the real page or a canned
 * fault): what a dropped connection or a stalling proxy does to an answer, which a canned body cannot express.
 * Successive calls queue up in order, as {@link FaultInjector}'s.
 */
final class WireFaults {

    /** What happens to one response on the wire. */
    enum Kind {
        /** Headers announce the full Content-Length, half the body is sent, then the connection is closed. */
        CUT,
        /** Headers and half the body are sent at once, the rest only after {@code stall}. */
        STALL
    }

    /** @param stall how long a {@link Kind#STALL} waits mid-body; zero for {@link Kind#CUT} */
    record WireFault(Kind kind, Duration stall) {
    }

    private final Deque<Pending> pending = new ArrayDeque<>();

    synchronized void add(int count, WireFault fault) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
        if (count > 0) {
            pending.addLast(new Pending(fault, count));
        }
    }

    /** The damage due for this response, if any; consumes it. */
    synchronized Optional<WireFault> next() {
        Pending head = pending.pollFirst();
        if (head == null) {
            return Optional.empty();
        }
        if (head.remaining() > 1) {
            pending.addFirst(new Pending(head.fault(), head.remaining() - 1));
        }
        return Optional.of(head.fault());
    }

    private record Pending(WireFault fault, int remaining) {
    }
}
