package io.arktasksync.simulator;

import java.io.IOException;
import java.util.Optional;

import com.sun.net.httpserver.HttpExchange;

import tools.jackson.databind.json.JsonMapper;

/**
 * What a test makes the simulated API do besides answering plainly: canned faults, relay quirks, a listing that
 * changes under the client, a slow or damaged wire. The knobs themselves are test code ({@code ArkSimulator} in
 * {@code src/test}); the demo's {@link SimulatedApi} answers plainly ({@link #NONE}). The methods are called in the
 * order a request meets them in {@link ListTasksHandler}.
 */
interface Misbehaviour {

    /** Answers every request plainly. */
    Misbehaviour NONE = new Misbehaviour() {
    };

    /**
     * After the request is counted and its path and method checked, before the API key: a test's hook runs, and a
     * canned answer, if one is queued, replaces the real one.
     */
    default Optional<SimulatedResponse> beforeAnswer() {
        return Optional.empty();
    }

    /** The parsed list query as the simulated host reads it (a relay may cap or ignore parameters). */
    default ListQuery query(ListQuery parsed) {
        return parsed;
    }

    /** Just before the page is cut from the store: the dataset may change. */
    default void beforeListing(TaskStore store) {
    }

    /** Whether the listing runs oldest first instead of newest first. */
    default boolean oldestFirst() {
        return false;
    }

    /** The page as the simulated host sends it (a relay may trim items). */
    default Page page(Page page, JsonMapper mapper) {
        return page;
    }

    /**
     * Sends the response its own way (late, cut or stalled on the wire) and returns true, or returns false to let it
     * be sent as is.
     */
    default boolean send(HttpExchange exchange, SimulatedResponse response) throws IOException {
        return false;
    }
}
