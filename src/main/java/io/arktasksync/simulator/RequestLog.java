package io.arktasksync.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * What the simulator was asked, so tests can assert on the client's paging and parameters
 * (e.g. that it sends {@code filter.service_tier=flex}, or stops after the last page).
 */
final class RequestLog {

    private final List<String> queries = new ArrayList<>();

    /** Records one request; {@code rawQuery} is the undecoded query string, null recorded as "". */
    synchronized void record(String rawQuery) {
        queries.add(rawQuery == null ? "" : rawQuery);
    }

    synchronized long count() {
        return queries.size();
    }

    synchronized List<String> queries() {
        return List.copyOf(queries);
    }

    synchronized void reset() {
        queries.clear();
    }
}
