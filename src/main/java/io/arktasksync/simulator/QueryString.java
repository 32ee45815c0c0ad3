package io.arktasksync.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a raw query string into its parameters, keeping repeats in order.
 *
 * <p>Why not the URI's decoded query: it would decode {@code %26} and {@code %3D} before splitting, so an id or
 * model containing {@code &} or {@code =} would be cut apart. Here the raw text is split first, then each name
 * and value is form-decoded ({@code +} is a space).
 */
final class QueryString {

    private QueryString() {
    }

    /**
     * @param rawQuery the undecoded query, without {@code ?}; null or empty gives no parameters
     * @return parameter name to values, in order of appearance; a parameter without {@code =} has the value ""
     * @throws IllegalArgumentException on malformed percent-encoding
     */
    static Map<String, List<String>> parse(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
