package io.arktasksync.simulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A complete HTTP answer: the normal ones and the canned ones injected by {@code failNext} go through the
 * same sender.
 *
 * @param status  HTTP status
 * @param headers response headers, in order
 * @param body    the body bytes (empty for none)
 * @param page    a page with filler streamed into its items, written instead of {@code body}; null for none
 */
record SimulatedResponse(int status, Map<String, String> headers, byte[] body, Page page) {

    SimulatedResponse(int status, Map<String, String> headers, byte[] body) {
        this(status, headers, body, null);
    }

    SimulatedResponse {
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body == null ? new byte[0] : body;
    }

    static SimulatedResponse json(int status, byte[] body) {
        return new SimulatedResponse(status, Map.of("Content-Type", "application/json"), body);
    }

    SimulatedResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new SimulatedResponse(status, more, body, page);
    }
}
