package io.arktasksync.faults;

import static io.arktasksync.faults.SyncAssertions.lastRun;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.simulator.SimulatedTaskGenerator;
import io.arktasksync.support.SyncHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Responses no heap can hold, served to the application in a JVM of its own with the documented {@code -Xmx256m}
 * ({@link ChildSync}): one item of 64 MB, and one page body of 300 MB. The simulator streams the filler
 * ({@code putStretched}), so neither is ever built in memory here. Whatever comes, the run ends without an
 * {@code OutOfMemoryError}, the offending item is quarantined in {@code ark.task_rejects} with its id and the start
 * of its text, every other task is stored, and the next run exits 0 without piling up another reject row. And a
 * page whose JSON breaks in the middle has its other items stored.
 */
class OversizedResponseIT {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static final int TASKS = 300;

    private static final long MB = 1024 * 1024;

    private static final String MARKER = "@FILL@";

    @RegisterExtension
    final SyncHarness harness = new SyncHarness();

    private final List<ChildSync> children = new ArrayList<>();

    @AfterEach
    void stopChildren() {
        children.forEach(ChildSync::close);
    }

    @Test
    void shouldQuarantineA64MbItemUnder256MbOfHeapAndStoreEveryOtherTask() {
        // given: a 64 MB revised_prompt in the middle of a page; the page bound above it, so the item limit acts
        List<SimulatedTask> tasks = tasksAround("cgt-huge-prompt", 64 * MB);

        // when
        ChildSync first = startChild("--ark.max-page-bytes=128MB");
        int exitCode = first.awaitExit(Duration.ofMinutes(3));

        // then
        assertSurvived(first, exitCode, tasks);
        Map<String, Object> reject = onlyReject();
        assertThat(reject.get("task_id")).isEqualTo("cgt-huge-prompt");
        assertThat((String) reject.get("reason")).contains("more than ark.max-item-bytes");
        assertThat((Long) reject.get("size_bytes")).as("its size as received").isGreaterThan(64 * MB);
        assertThat((String) reject.get("raw_text")).startsWith("{\"id\":\"cgt-huge-prompt\"").hasSizeLessThan(17_000);

        // and the next run
        assertNextRunExitsZeroWithoutAnotherReject(tasks, "--ark.max-page-bytes=128MB");
    }

    @Test
    void shouldIsolateA300MbPageBodyUnder256MbOfHeapAndStoreEveryOtherTask() {
        // given: one item makes its page 300 MB, far above the page bound
        List<SimulatedTask> tasks = tasksAround("cgt-huge-page", 300 * MB);

        // when
        ChildSync first = startChild();
        int exitCode = first.awaitExit(Duration.ofMinutes(3));

        // then
        assertSurvived(first, exitCode, tasks);
        Map<String, Object> reject = onlyReject();
        assertThat(reject.get("task_id")).isEqualTo("cgt-huge-page");
        assertThat((String) reject.get("reason")).contains("larger than ark.max-page-bytes");
        assertThat((String) reject.get("raw_text")).startsWith("{\"id\":\"cgt-huge-page\"").hasSizeLessThan(17_000);
        assertThat(first.output()).contains("reading its items again in smaller pages");

        // and the next run
        assertNextRunExitsZeroWithoutAnotherReject(tasks);
    }

    @Test
    void shouldStoreTheOtherItemsOfAPageWhoseJsonBreaksInTheMiddle() {
        // given: brackets that do not match inside one item, so the page cannot even be split into items
        List<SimulatedTask> tasks = SimulatedTaskGenerator.generate(TASKS, 19L, NOW);
        harness.api().putAll(tasks);
        SimulatedTask neighbour = tasks.get(TASKS / 2);
        harness.api().putRaw("broken", "{\"id\":\"cgt-broken\",\"status\":\"succeeded\",\"x\":[1,2}",
                neighbour.createdAt(), neighbour.serviceTier());

        // when
        int exitCode = harness.sync("--ark.page-size=50", "--ark.max-attempts=1");

        // then
        assertThat(exitCode).isZero();
        assertStored(tasks);
        Map<String, Object> reject = onlyReject();
        assertThat(reject.get("task_id")).isEqualTo("cgt-broken");
        assertThat((String) reject.get("reason")).startsWith("the page broke in this item: the body is not valid JSON");
        assertThat((String) reject.get("raw_text")).startsWith("{\"id\":\"cgt-broken\"");
        // listed, not stored: the run does not claim to hold it, though its id was read
        assertThat(lastRun(harness)).containsEntry("reconciled", false);
        String notes = harness.jdbi().withHandle(h -> h.createQuery(
                "SELECT string_agg(note, ' | ') FROM ark.sync_ledger").mapTo(String.class).one());
        assertThat(notes).contains("1 item(s) listed but not stored: quarantined in ark.task_rejects");
        assertThat(harness.count("SELECT sum(quarantined) FROM ark.sync_ledger")).isOne();

        // and the next run
        assertThat(harness.sync("--ark.page-size=50", "--ark.max-attempts=1", "--ark.full-scan=true")).isZero();
        assertThat(harness.count("SELECT count(*) FROM ark.task_rejects")).isEqualTo(1);
        assertThat(harness.count("SELECT times_seen FROM ark.task_rejects")).isEqualTo(2);
    }

    @Test
    void shouldStoreTheNeighboursOfABrokenItemThatNoSmallerPageReachesThroughStatusListings() {
        // given: page_num stops at 5, pages of 10, 50 items: offsets 30..39 can be read in pages of 8 at the smallest,
        // and the broken item at offset 33 hides its 6 neighbours 34..39 in its page of 8
        harness.api().setMaxPageNum(5);
        List<SimulatedTask> tasks = SimulatedTaskGenerator.generate(80, 23L, NOW).stream()
            .filter(task -> "default".equals(task.serviceTier()))
            .sorted(Comparator.comparingLong(SimulatedTask::createdAt).reversed()
                .thenComparing(SimulatedTask::id, Comparator.reverseOrder()))
            .limit(49)
            .toList();
        assertThat(tasks).hasSize(49);
        harness.api().putAll(tasks);
        SimulatedTask neighbour = tasks.get(32);
        harness.api().putRaw("broken", "{\"id\":\"cgt-broken\",\"status\":\"succeeded\",\"x\":[1,2}",
                neighbour.createdAt(), "default");

        // when
        int exitCode = harness.sync("--ark.page-size=10", "--ark.max-page-num=5", "--ark.max-attempts=1",
                "--ark.filter.service-tier=default", "--ark.max-reject-ratio=1");

        // then: the neighbours came from their status listings; only the broken item is quarantined
        assertThat(exitCode).isZero();
        assertStored(tasks);
        assertThat(onlyReject().get("task_id")).isEqualTo("cgt-broken");
        assertThat(harness.api().requestQueries()).anyMatch(query -> query.contains("filter.status=running"));
    }

    @Test
    void shouldStoreAnExpiredNeighbourOfABrokenItemThroughTheListingOfItsEndpoint() {
        // given: as above, but the neighbour at offset 36 expired, which no filter.status listing returns; filter.model
        // takes endpoint ids, one per model, and the account has them configured
        List<SimulatedTask> tasks = deepBrokenItemWithExpiredNeighbour();
        Map<String, String> endpoints = endpointsOf(tasks);
        harness.api().quirks().modelFilterTakesEndpointIds(endpoints);

        // when
        int exitCode = harness.sync("--ark.page-size=10", "--ark.max-page-num=5", "--ark.max-attempts=1",
                "--ark.filter.service-tier=default", "--ark.max-reject-ratio=1",
                "--ark.endpoint-ids=" + String.join(",", endpoints.keySet()));

        // then: the expired neighbour came from its endpoint's listing; only the broken item is quarantined
        assertThat(exitCode).isZero();
        assertStored(tasks);
        assertThat(onlyReject().get("task_id")).isEqualTo("cgt-broken");
        assertThat(harness.api().requestQueries()).anyMatch(query -> query.contains("filter.model=ep-")
                && !query.contains("filter.status"));
    }

    @Test
    void shouldRejectAnExpiredNeighbourOfABrokenItemAsNotReadWithoutEndpointIds() {
        // given: the same, without endpoint ids
        List<SimulatedTask> tasks = deepBrokenItemWithExpiredNeighbour();
        harness.api().quirks().modelFilterTakesEndpointIds(endpointsOf(tasks));

        // when
        int exitCode = harness.sync("--ark.page-size=10", "--ark.max-page-num=5", "--ark.max-attempts=1",
                "--ark.filter.service-tier=default", "--ark.max-reject-ratio=1");

        // then: every task but the expired neighbour stored, which is a not-read reject: the run says it is incomplete
        assertThat(exitCode).isZero();
        SimulatedTask expired = tasks.get(35);
        assertStored(tasks.stream().filter(task -> task != expired).toList());
        List<Map<String, Object>> rejects = harness.jdbi().withHandle(h -> h.createQuery(
                "SELECT task_id, reason FROM ark.task_rejects ORDER BY task_id NULLS LAST").mapToMap().list());
        assertThat(rejects).hasSize(2);
        assertThat(rejects.get(0).get("task_id")).isEqualTo("cgt-broken");
        assertThat(rejects.get(1).get("task_id")).isNull();
        assertThat((String) rejects.get(1).get("reason")).startsWith("not read");
        assertThat(lastRun(harness)).containsEntry("reconciled", false);
        assertThat(harness.api().requestQueries()).noneMatch(query -> query.contains("filter.model"));
    }

    // ---- helpers ----

    /**
     * Page_num stops at 5, pages of 10, 49 tasks and a broken item at offset 33, which hides offsets 34..39 in its
     * page of 8; the task at offset 36 expired.
     */
    private List<SimulatedTask> deepBrokenItemWithExpiredNeighbour() {
        harness.api().setMaxPageNum(5);
        List<SimulatedTask> tasks = new ArrayList<>(SimulatedTaskGenerator.generate(80, 23L, NOW).stream()
            .filter(task -> "default".equals(task.serviceTier()))
            .sorted(Comparator.comparingLong(SimulatedTask::createdAt).reversed()
                .thenComparing(SimulatedTask::id, Comparator.reverseOrder()))
            .limit(49)
            .toList());
        assertThat(tasks).hasSize(49);
        tasks.set(35, tasks.get(35).withStatus("expired", tasks.get(35).updatedAt()));
        harness.api().putAll(tasks);
        harness.api().putRaw("broken", "{\"id\":\"cgt-broken\",\"status\":\"succeeded\",\"x\":[1,2}",
                tasks.get(32).createdAt(), "default");
        return tasks;
    }

    /** One endpoint id per model of {@code tasks}, as {@code filter.model} takes them on Volcengine. */
    private static Map<String, String> endpointsOf(List<SimulatedTask> tasks) {
        Map<String, String> endpoints = new LinkedHashMap<>();
        tasks.stream().map(SimulatedTask::model).distinct().sorted()
            .forEach(model -> endpoints.put("ep-" + (endpoints.size() + 1), model));
        return endpoints;
    }

    /** Valid tasks, and one huge item among them, in the middle of a page. */
    private List<SimulatedTask> tasksAround(String hugeId, long fillerBytes) {
        List<SimulatedTask> tasks = SimulatedTaskGenerator.generate(TASKS, 7L, NOW);
        harness.api().putAll(tasks);
        SimulatedTask neighbour = tasks.get(TASKS / 2);
        String item = "{\"id\":\"" + hugeId + "\",\"model\":\"seedance-1-0-pro\",\"status\":\"succeeded\","
                + "\"created_at\":" + neighbour.createdAt() + ",\"updated_at\":" + neighbour.updatedAt() + ","
                + "\"revised_prompt\":\"" + MARKER + "\",\"usage\":{\"completion_tokens\":1,\"total_tokens\":1}}";
        harness.api().putStretched("huge", item, MARKER, fillerBytes, 'a', neighbour.createdAt(),
                neighbour.serviceTier());
        return tasks;
    }

    private ChildSync startChild(String... more) {
        List<String> arguments = new ArrayList<>(List.of(harness.database().springArguments()));
        arguments.add("--ark.base-url=" + harness.api().baseUrl());
        arguments.add("--ark.api-key=" + SyncHarness.API_KEY);
        arguments.add("--ark.page-size=50");
        arguments.add("--ark.max-attempts=1");
        arguments.addAll(List.of(more));
        ChildSync child = ChildSync.start(arguments, Map.of());
        children.add(child);
        return child;
    }

    private void assertSurvived(ChildSync child, int exitCode, List<SimulatedTask> tasks) {
        assertThat(child.output()).doesNotContain("OutOfMemoryError");
        assertThat(exitCode).as("exit code; output:\n%s", tail(child.output())).isZero();
        assertStored(tasks);
    }

    private void assertStored(List<SimulatedTask> tasks) {
        List<String> stored = harness.jdbi()
            .withHandle(h -> h.createQuery("SELECT id FROM ark.tasks").mapTo(String.class).list());
        assertThat(stored).as("every other task stored").containsExactlyInAnyOrderElementsOf(
                tasks.stream().map(SimulatedTask::id).toList());
    }

    private Map<String, Object> onlyReject() {
        return harness.jdbi().withHandle(h -> h.createQuery(
                "SELECT task_id, reason, raw_text, size_bytes, times_seen FROM ark.task_rejects").mapToMap().one());
    }

    private void assertNextRunExitsZeroWithoutAnotherReject(List<SimulatedTask> tasks, String... more) {
        List<String> arguments = new ArrayList<>(List.of(more));
        arguments.add("--ark.full-scan=true");
        ChildSync next = startChild(arguments.toArray(String[]::new));
        int exitCode = next.awaitExit(Duration.ofMinutes(3));
        assertSurvived(next, exitCode, tasks);
        assertThat(onlyReject().get("times_seen")).as("the same reject met again").isEqualTo(2);
    }

    private static String tail(String output) {
        return output.length() > 6_000 ? output.substring(output.length() - 6_000) : output;
    }
}
