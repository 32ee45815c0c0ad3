package io.arktasksync.job.reader;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A listing too big to page through, read to the cap and also as narrower listings (one per status, or per model):
 * what the narrower listings cover, so that the run can tell how many of its tasks none of them can return.
 * <p>
 * Part of the reader's restart state ({@link #encode}): a resumed run has to settle the out-of-reach count of a
 * listing split by the execution that failed, with totals that execution saw. Uncovered tasks are counted per page
 * so that a page read again after a restart replaces its count instead of adding to it.
 */
final class NarrowedListing {

    private final int listing;

    private final String field;

    private final Set<String> values;

    /** Indexes of the narrower listings in the reader's list of listings. */
    private final List<Integer> children;

    /** Total of each narrower listing when it was first read, -1 until then. */
    private final long[] childTotals;

    private final long total;

    private final Map<Integer, Long> uncoveredByPage;

    NarrowedListing(int listing, String field, Set<String> values, List<Integer> children, long total) {
        this(listing, field, values, children, filled(children.size()), total, new TreeMap<>());
    }

    private NarrowedListing(int listing, String field, Set<String> values, List<Integer> children, long[] childTotals,
            long total, Map<Integer, Long> uncoveredByPage) {
        this.listing = listing;
        this.field = field;
        this.values = Set.copyOf(values);
        this.children = List.copyOf(children);
        this.childTotals = childTotals;
        this.total = total;
        this.uncoveredByPage = uncoveredByPage;
    }

    int listing() {
        return listing;
    }

    String field() {
        return field;
    }

    boolean hasChild(int index) {
        return children.contains(index);
    }

    boolean covers(String value) {
        return value != null && values.contains(value);
    }

    /** Records a narrower listing's total the first time it is read; other listings are ignored. */
    void listingTotalSeen(int index, long listingTotal) {
        int child = children.indexOf(index);
        if (child >= 0 && childTotals[child] < 0 && listingTotal >= 0) {
            childTotals[child] = listingTotal;
        }
    }

    /** Tasks on a page read going forward that no narrower listing covers; a page read again replaces its count. */
    void uncoveredOnPage(int page, long uncovered) {
        uncoveredByPage.put(page, uncovered);
    }

    /** Tasks a repair re-read found on a page that no narrower listing covers, added to the page's count. */
    void uncoveredRepaired(int page, long uncovered) {
        uncoveredByPage.merge(page, uncovered, Long::sum);
    }

    /**
     * Tasks of this listing that neither its own reachable pages showed nor a narrower listing can return: its total
     * less the narrower listings' totals, less the uncovered tasks its own pages showed.
     */
    long outOfReach() {
        long covered = Arrays.stream(childTotals).filter(t -> t >= 0).sum();
        long uncoveredSeen = uncoveredByPage.values().stream().mapToLong(Long::longValue).sum();
        return Math.max(0, total - covered - uncoveredSeen);
    }

    /** One line without newlines; values are URL-encoded, so their commas and tabs cannot break it. */
    String encode() {
        return String.join("\t", Integer.toString(listing), field,
                values.stream().sorted().map(v -> URLEncoder.encode(v, StandardCharsets.UTF_8))
                    .collect(Collectors.joining(",")),
                children.stream().map(String::valueOf).collect(Collectors.joining(",")),
                Arrays.stream(childTotals).mapToObj(String::valueOf).collect(Collectors.joining(",")),
                Long.toString(total),
                uncoveredByPage.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                    .collect(Collectors.joining(",")));
    }

    static NarrowedListing decode(String line) {
        String[] parts = line.split("\t", -1);
        Set<String> values = new LinkedHashSet<>();
        for (String value : split(parts[2])) {
            values.add(URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        List<Integer> children = split(parts[3]).stream().map(Integer::valueOf).toList();
        long[] childTotals = split(parts[4]).stream().mapToLong(Long::parseLong).toArray();
        Map<Integer, Long> uncovered = new TreeMap<>();
        for (String entry : split(parts[6])) {
            int colon = entry.indexOf(':');
            uncovered.put(Integer.valueOf(entry.substring(0, colon)), Long.valueOf(entry.substring(colon + 1)));
        }
        return new NarrowedListing(Integer.parseInt(parts[0]), parts[1], values, children, childTotals,
                Long.parseLong(parts[5]), uncovered);
    }

    private static List<String> split(String joined) {
        return joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }

    private static long[] filled(int size) {
        long[] totals = new long[size];
        Arrays.fill(totals, -1);
        return totals;
    }
}
