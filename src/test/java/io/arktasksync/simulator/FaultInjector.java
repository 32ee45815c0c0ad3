package io.arktasksync.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Queue of canned answers that replace the next list responses, so tests can script 429s, 5xx and relay HTML.
 *
 * <p>Successive {@code failNext} calls queue up in order: {@code (1 x 429)} then {@code (2 x 500)} answers
 * one 429 and then two 500s.
 */
final class FaultInjector {

    private final Deque<PendingFault> pending = new ArrayDeque<>();

    synchronized void add(int count, SimulatedResponse response) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
        if (count > 0) {
            pending.addLast(new PendingFault(response, count));
        }
    }

    /** The canned answer for this request, if one is due; consumes it. */
    synchronized Optional<SimulatedResponse> next() {
        PendingFault head = pending.peekFirst();
        if (head == null) {
            return Optional.empty();
        }
        pending.removeFirst();
        if (head.remaining() > 1) {
            pending.addFirst(new PendingFault(head.response(), head.remaining() - 1));
        }
        return Optional.of(head.response());
    }

    private record PendingFault(SimulatedResponse response, int remaining) {
    }
}
