package io.arktasksync.job.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;
import io.arktasksync.client.ArkJsonMapper;
import io.arktasksync.client.ArkApiClient;
import io.arktasksync.job.SyncRunStatistics;
import io.arktasksync.mapping.RawTaskItem;
import io.arktasksync.simulator.ArkSimulator;
import io.arktasksync.simulator.SimulatedTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import tools.jackson.databind.json.JsonMapper;

class TaskPageReaderTest {

    private static final String API_KEY = "sk-reader-test";

    private static final long BASE_CREATED_AT = 1_743_414_000L;

    private static final ListingSlice DEFAULT_TIER = new ListingSlice(null, null, List.of(), "default");

    private static final ListingSlice FLEX_TIER = new ListingSlice(null, null, List.of(), "flex");

    private final JsonMapper json = ArkJsonMapper.create();

    private final SyncRunStatistics statistics = new SyncRunStatistics();

    private ArkSimulator simulator;

    private ArkApiClient client;

    /** Runs the reader's speculative page fetches. */
    private final ExecutorService fetchExecutor = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "test-page-fetch");
        thread.setDaemon(true);
        return thread;
    });

    private HttpServer relay;

    private ExecutorService relayExecutor;

    @BeforeEach
    void startSimulator() {
        simulator = ArkSimulator.start("/api/v3", API_KEY);
        client = client(simulator.baseUrl());
    }

    @AfterEach
    void stopServers() throws InterruptedException {
        fetchExecutor.shutdownNow();
        simulator.close();
        if (relay != null) {
            relay.stop(0);
            relayExecutor.shutdownNow();
            relayExecutor.awaitTermination(2, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "prefetch {0}")
    @ValueSource(ints = { 0, 2 })
    void shouldReadEveryItemOfAMultiPageListingOnceInOrder(int prefetch) throws Exception {
        // given 10 tasks, served newest first
        List<String> expected = putTasks("cgt-", 10, "default");
        TaskPageReader reader = reader(List.of(DEFAULT_TIER), 4, 500, prefetch);

        // when
        List<RawTaskItem> items = readAll(reader);

        // then
        assertThat(ids(items)).containsExactlyElementsOf(expected).doesNotHaveDuplicates();
        assertThat(simulator.requestCount()).as("total says 10: no request past page 3").isEqualTo(3);
        assertThat(items).extracting(RawTaskItem::pageNum).containsExactly(1, 1, 1, 1, 2, 2, 2, 2, 3, 3);
        assertThat(items).allSatisfy(item -> {
            assertThat(item.slice()).isEqualTo("tier=default");
            assertThat(item.serviceTier()).isEqualTo("default");
        });
        assertThat(statistics.pages()).isEqualTo(3);
        assertThat(statistics.itemsRead()).isEqualTo(10);
        assertThat(statistics.apiTotal()).isEqualTo(10);
    }

    @ParameterizedTest(name = "prefetch {0}")
    @ValueSource(ints = { 0, 2 })
    void shouldStopAfterAShortLastPageWithoutAnExtraRequest(int prefetch) throws Exception {
        // given 7 tasks in pages of 3: 3 + 3 + 1
        putTasks("cgt-", 7, "default");
        TaskPageReader reader = reader(List.of(DEFAULT_TIER), 3, 500, prefetch);

        // when
        List<RawTaskItem> items = readAll(reader);

        // then
        assertThat(items).hasSize(7);
        assertThat(simulator.requestQueries()).containsExactlyInAnyOrder(
                "page_num=1&page_size=3&filter.service_tier=default",
                "page_num=2&page_size=3&filter.service_tier=default",
                "page_num=3&page_size=3&filter.service_tier=default");
    }

    @ParameterizedTest(name = "prefetch {0}")
    @ValueSource(ints = { 0, 2 })
    void shouldSpendOneEmptyRequestAfterAnExactlyFullLastPage(int prefetch) throws Exception {
        // given 6 tasks in pages of 3
        putTasks("cgt-", 6, "default");
        TaskPageReader reader = reader(List.of(DEFAULT_TIER), 3, 500, prefetch);

        // when
        List<RawTaskItem> items = readAll(reader);

        // then
        assertThat(items).hasSize(6);
        assertThat(simulator.requestQueries()).containsExactlyInAnyOrder(
                "page_num=1&page_size=3&filter.service_tier=default",
                "page_num=2&page_size=3&filter.service_tier=default",
                "page_num=3&page_size=3&filter.service_tier=default");
        assertThat(statistics.pages()).isEqualTo(3);
    }

    @ParameterizedTest(name = "prefetch {0}")
    @ValueSource(ints = { 0, 2 })
    void shouldReadNothingFromAnEmptyListing(int prefetch) throws Exception {
        // given
        TaskPageReader reader = reader(List.of(DEFAULT_TIER), 3, 500, prefetch);

        // when
        List<RawTaskItem> items = readAll(reader);

        // then
        assertThat(items).isEmpty();
        assertThat(simulator.requestCount()).isEqualTo(1);
        assertThat(statistics.apiTotal()).isZero();
    }

    @ParameterizedTest(name = "prefetch {0}")
    @ValueSource(ints = { 0, 2 })
    void shouldReadTwoTiersOneAfterTheOther(int prefetch) throws Exception {
        // given
        List<String> defaults = putTasks("cgt-d", 4, "default");
        List<String> flex = putTasks("cgt-f", 2, "flex");
        TaskPageReader reader = reader(List.of(DEFAULT_TIER, FLEX_TIER), 3, 500, prefetch);

        // when
        List<RawTaskItem> items = readAll(reader);

        // then
        List<String> expected = new ArrayList<>(defaults);
        expected.addAll(flex);
        assertThat(ids(items)).containsExactlyElementsOf(expected);
        assertThat(items.subList(0, 4)).allSatisfy(item -> assertThat(item.serviceTier()).isEqualTo("default"));
        assertThat(items.subList(4, 6)).allSatisfy(item -> {
            assertThat(item.serviceTier()).isEqualTo("flex");
            assertThat(item.slice()).isEqualTo("tier=flex");
            assertThat(item.pageNum()).isEqualTo(1);
        });
        assertThat(simulator.requestQueries()).containsExactly(
                "page_num=1&page_size=3&filter.service_tier=default",
                "page_num=2&page_size=3&filter.service_tier=default",
                "page_num=1&page_size=3&filter.service_tier=flex");
        assertThat(statistics.apiTotal()).isEqualTo(6);
    }

    @ParameterizedTest(name = "prefetch {0}")
    @ValueSource(ints = { 0, 2 })
    void shouldEndAListingWhoseRelayIgnoresPageNumAndNeverCallItReconciled(int prefetch) throws Exception {
        // given a relay that answers the same full page of default tasks whatever page_num says, and no flex tasks
        String samePage = "{\"total\":30,\"items\":[{\"id\":\"cgt-a\"},{\"id\":\"cgt-b\"},{\"id\":\"cgt-c\"}]}";
        String noTasks = "{\"total\":0,\"items\":[]}";
        List<String> queries = Collections.synchronizedList(new ArrayList<>());
        String baseUrl = startRelay(query -> query.contains("service_tier=flex") ? noTasks : samePage, queries);
        TaskPageReader reader = new TaskPageReader(client(baseUrl)::listTasks, List.of(DEFAULT_TIER, FLEX_TIER),
                new TaskPageReader.Settings(3, 500, prefetch, List.of()), statistics, fetchExecutor, List::of,
                PageProgress.NONE);

        // when
        List<RawTaskItem> items = readAll(reader);

        // then the default listing ends at the first repeat, is tried per status, and the flex listing is still read
        assertThat(Set.copyOf(ids(items))).containsExactlyInAnyOrder("cgt-a", "cgt-b", "cgt-c");
        assertThat(queries).contains("page_num=1&page_size=3&filter.service_tier=default",
                "page_num=2&page_size=3&filter.service_tier=default",
                "page_num=1&page_size=3&filter.status=queued&filter.service_tier=default",
                "page_num=1&page_size=3&filter.service_tier=flex");
        assertThat(statistics.ledger("tier=default").reconciled()).isFalse();
        assertThat(statistics.ledger("tier=default").pageNumWasIgnored()).isTrue();
        assertThat(statistics.reconciled()).isFalse();
    }

    @ParameterizedTest(name = "prefetch {0}")
    @ValueSource(ints = { 0, 2 })
    void shouldNarrowByStatusThenModelAndCountWhatStaysOutOfReach(int prefetch) throws Exception {
        // given 10 succeeded tasks of one model, pages of 3, but only 2 pages reachable
        List<String> expected = putTasks("cgt-", 10, "default");
        TaskPageReader reader = reader(List.of(DEFAULT_TIER), 3, 2, prefetch);

        // when
        List<RawTaskItem> items = readAll(reader);

        // then: the tier, then each status, then the one model are tried; all stop at the cap
        assertThat(Set.copyOf(ids(items))).containsExactlyInAnyOrderElementsOf(expected.subList(0, 6))
            .doesNotContainAnyElementsOf(expected.subList(6, 10));
        assertThat(simulator.requestQueries()).anyMatch(q -> q.contains("filter.status=succeeded"))
            .anyMatch(q -> q.contains("filter.status=queued"))
            .anyMatch(q -> q.contains("filter.model=doubao-seedance-1-0-pro-250528"))
            .allMatch(q -> !q.contains("page_num=3"));
        assertThat(statistics.outOfReach()).isEqualTo(4);
        assertThat(statistics.reconciled()).isFalse();
    }

    @ParameterizedTest(name = "prefetch {0}")
    @ValueSource(ints = { 0, 2 })
    void shouldNotCountOutOfReachWhenTheLastReachablePageIsTheLast(int prefetch) throws Exception {
        // given 6 tasks, pages of 3, 2 pages reachable
        putTasks("cgt-", 6, "default");
        TaskPageReader reader = reader(List.of(DEFAULT_TIER), 3, 2, prefetch);

        // when
        List<RawTaskItem> items = readAll(reader);

        // then
        assertThat(items).hasSize(6);
        assertThat(simulator.requestCount()).isEqualTo(2);
        assertThat(statistics.outOfReach()).isZero();
    }

    @ParameterizedTest(name = "prefetch {0}")
    @ValueSource(ints = { 0, 2 })
    void shouldResumeAtTheSavedPageOnRestart(int prefetch) throws Exception {
        // given a first reader that committed page 1 as one chunk, then one item of page 2 as the next
        List<String> expected = putTasks("cgt-", 10, "default");
        ExecutionContext context = new ExecutionContext();
        List<String> readBefore = runThatFailedAfter(context, List.of(DEFAULT_TIER), 500, 3, 1);
        simulator.resetRequests();

        // when a new reader opens with the saved context
        List<RawTaskItem> rest = resume(context, List.of(DEFAULT_TIER), 500, prefetch, statistics);

        // then it starts at the saved page, page 2, reads it again from its first item, and everything after once
        assertThat(readBefore).containsExactlyElementsOf(expected.subList(0, 4));
        assertThat(savedPosition(context)).containsExactly(0, 2);
        assertThat(simulator.requestQueries()).first().asString()
            .isEqualTo("page_num=2&page_size=3&filter.service_tier=default");
        assertThat(simulator.requestQueries()).noneMatch(query -> query.startsWith("page_num=1&"));
        assertThat(ids(rest)).containsExactlyElementsOf(expected.subList(3, 10));
    }

    @ParameterizedTest(name = "prefetch {0}")
    @ValueSource(ints = { 0, 2 })
    void shouldResumeInTheSavedSliceOnRestart(int prefetch) throws Exception {
        // given a first reader that committed the default listing and then one item of flex page 2
        putTasks("cgt-d", 4, "default");
        List<String> flex = putTasks("cgt-f", 7, "flex");
        ExecutionContext context = new ExecutionContext();
        runThatFailedAfter(context, List.of(DEFAULT_TIER, FLEX_TIER), 500, 3, 1, 3, 1);
        simulator.resetRequests();

        // when
        List<RawTaskItem> rest = resume(context, List.of(DEFAULT_TIER, FLEX_TIER), 500, prefetch, statistics);

        // then
        assertThat(savedPosition(context)).containsExactly(1, 2);
        assertThat(simulator.requestQueries()).first().asString()
            .isEqualTo("page_num=2&page_size=3&filter.service_tier=flex");
        assertThat(simulator.requestQueries()).noneMatch(query -> query.contains("service_tier=default"));
        assertThat(ids(rest)).containsExactlyElementsOf(flex.subList(3, 7));
        assertThat(rest).allSatisfy(item -> assertThat(item.serviceTier()).isEqualTo("flex"));
    }

    @ParameterizedTest(name = "prefetch {0}")
    @ValueSource(ints = { 0, 2 })
    void shouldLoseNoItemAfterTheLastUpdateOnRestart(int prefetch) throws Exception {
        // given a first reader that read chunks of 2 across page boundaries, then two items it never committed
        List<String> expected = putTasks("cgt-", 11, "default");
        ExecutionContext context = new ExecutionContext();
        TaskPageReader first = reader(List.of(DEFAULT_TIER), 3, 500, 0);
        first.open(context);
        List<String> committed = new ArrayList<>();
        for (int chunk = 0; chunk < 3; chunk++) {
            committed.addAll(readChunk(first, context, 2));
        }
        first.read();
        first.read();
        first.close();
        simulator.resetRequests();

        // when
        TaskPageReader second = reader(List.of(DEFAULT_TIER), 3, 500, prefetch);
        second.open(context);
        List<RawTaskItem> rest = drain(second);

        // then every item after the last update is read again, in order, starting at the saved page
        int savedPage = savedPosition(context).get(1);
        assertThat(savedPage).isBetween(2, 3);
        assertThat(simulator.requestQueries()).first().asString().startsWith("page_num=" + savedPage + "&");
        assertThat(ids(rest)).containsExactlyElementsOf(expected.subList((savedPage - 1) * 3, 11));
        assertThat(ids(rest)).containsAll(expected.subList(committed.size(), 11));
    }

    @ParameterizedTest(name = "prefetch {0}")
    @ValueSource(ints = { 0, 2 })
    void shouldNotReportTasksOutOfReachWhenResumingAListingSplitByTheFailedRun(int prefetch) throws Exception {
        // given 5 succeeded and 5 failed tasks, pages of 3, 2 pages reachable: the tier is split by status, and
        // a first run that committed the tier's page 1 and one item of its page 2
        List<String> expected = new ArrayList<>(putTasks("cgt-s", 5, "default", "succeeded"));
        expected.addAll(putTasks("cgt-f", 5, "default", "failed"));
        ExecutionContext context = new ExecutionContext();
        List<String> read = new ArrayList<>(runThatFailedAfter(context, List.of(DEFAULT_TIER), 2, 3, 1));

        // when a resumed run, with statistics of its own, reads the rest
        SyncRunStatistics resumedStatistics = new SyncRunStatistics();
        read.addAll(ids(resume(context, List.of(DEFAULT_TIER), 2, prefetch, resumedStatistics)));

        // then every task was read and the status listings, read by the resumed run, cover the tier
        assertThat(Set.copyOf(read)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(resumedStatistics.outOfReach()).isZero();
        assertThat(resumedStatistics.reconciled()).isTrue();
    }

    @ParameterizedTest(name = "prefetch {0}")
    @ValueSource(ints = { 0, 2 })
    void shouldStillCountTasksOutOfReachOnceWhenResumed(int prefetch) throws Exception {
        // given 10 succeeded tasks of one model, pages of 3, 2 pages reachable: 4 are out of reach of every listing
        putTasks("cgt-", 10, "default");
        ExecutionContext context = new ExecutionContext();
        runThatFailedAfter(context, List.of(DEFAULT_TIER), 2, 3, 1);

        // when
        SyncRunStatistics resumedStatistics = new SyncRunStatistics();
        resume(context, List.of(DEFAULT_TIER), 2, prefetch, resumedStatistics);

        // then as many as an uninterrupted run reports (shouldNarrowByStatusThenModelAndCountWhatStaysOutOfReach)
        assertThat(resumedStatistics.outOfReach()).isEqualTo(4);
    }

    @ParameterizedTest(name = "prefetch {0}")
    @ValueSource(ints = { 0, 2 })
    void shouldDoTheRepairReReadsQueuedBeforeTheFailureWhenResumed(int prefetch) throws Exception {
        // given a first run that read page 1, saw the total drop by 2 at page 2 (two tasks of page 1 deleted) and
        // committed page 2's items before re-reading page 1
        List<String> expected = putTasks("cgt-", 10, "default");
        ExecutionContext context = new ExecutionContext();
        TaskPageReader first = reader(List.of(DEFAULT_TIER), 3, 500, 0);
        first.open(context);
        readChunk(first, context, 3);
        simulator.remove(expected.get(0));
        simulator.remove(expected.get(1));
        List<String> secondChunk = readChunk(first, context, 3);
        first.close();

        // when
        List<String> rest = ids(resume(context, List.of(DEFAULT_TIER), 500, prefetch, new SyncRunStatistics()));

        // then the two tasks that slid into page 1 are read: the queued re-read of page 1 survived the restart
        assertThat(secondChunk).containsExactlyElementsOf(expected.subList(5, 8));
        assertThat(rest).contains(expected.get(3), expected.get(4));
        assertThat(Set.copyOf(rest)).containsAll(expected.subList(5, 10));
    }

    @ParameterizedTest(name = "prefetch {0}")
    @ValueSource(ints = { 0, 2 })
    void shouldNoticeADropWhileNoRunWasReadingWhenResumed(int prefetch) throws Exception {
        // given a first run that committed page 1 and one item of page 2, then two tasks of page 1 were deleted
        // before the restart
        List<String> expected = putTasks("cgt-", 10, "default");
        ExecutionContext context = new ExecutionContext();
        runThatFailedAfter(context, List.of(DEFAULT_TIER), 500, 3, 1);
        simulator.remove(expected.get(0));
        simulator.remove(expected.get(1));

        // when the resumed run starts at page 2, which now begins with what was page 2's third task
        SyncRunStatistics resumedStatistics = new SyncRunStatistics();
        List<String> rest = ids(resume(context, List.of(DEFAULT_TIER), 500, prefetch, resumedStatistics));

        // then the total's drop against the failed run's last read sends it back to page 1
        assertThat(rest).contains(expected.get(3), expected.get(4));
        assertThat(Set.copyOf(rest)).containsAll(expected.subList(5, 10));
        assertThat(resumedStatistics.reconciled()).isTrue();
    }

    @Test
    void shouldSaveNothingWhenSaveStateIsOff() throws Exception {
        // given
        putTasks("cgt-", 5, "default");
        ExecutionContext context = new ExecutionContext();
        TaskPageReader reader = reader(List.of(DEFAULT_TIER), 3, 500, 0);
        reader.setSaveState(false);
        reader.open(context);
        reader.read();

        // when
        reader.update(context);

        // then
        assertThat(context.isEmpty()).isTrue();
    }

    @Test
    void shouldKeepTheRestoredPositionWhenUpdatedBeforeTheFirstRead() throws Exception {
        // given a context saved at page 2 of the flex listing
        putTasks("cgt-d", 4, "default");
        putTasks("cgt-f", 7, "flex");
        ExecutionContext context = new ExecutionContext();
        runThatFailedAfter(context, List.of(DEFAULT_TIER, FLEX_TIER), 500, 3, 1, 3, 1);
        assertThat(savedPosition(context)).containsExactly(1, 2);

        // when a restarted reader is opened and its state saved before it reads
        TaskPageReader restarted = reader(List.of(DEFAULT_TIER, FLEX_TIER), 3, 500, 0);
        restarted.open(context);
        restarted.update(context);
        restarted.close();
        simulator.resetRequests();
        TaskPageReader again = reader(List.of(DEFAULT_TIER, FLEX_TIER), 3, 500, 0);
        again.open(context);
        again.read();

        // then the position survived
        assertThat(savedPosition(context)).containsExactly(1, 2);
        assertThat(simulator.requestQueries()).first().asString()
            .isEqualTo("page_num=2&page_size=3&filter.service_tier=flex");
    }

    // ---------------------------------------------------------------- helpers

    private ArkApiClient client(String baseUrl) {
        return new ArkApiClient(baseUrl, API_KEY,
                new ArkApiClient.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5), 2, Duration.ofSeconds(5), 0),
                json, wait -> {
                }, Clock.fixed(Instant.parse("2025-03-31T10:00:00Z"), ZoneOffset.UTC));
    }

    private TaskPageReader reader(List<ListingSlice> slices, int pageSize, int maxPageNum, int prefetch) {
        return reader(slices, pageSize, maxPageNum, prefetch, statistics);
    }

    private TaskPageReader reader(List<ListingSlice> slices, int pageSize, int maxPageNum, int prefetch,
            SyncRunStatistics runStatistics) {
        return new TaskPageReader(client::listTasks, slices,
                new TaskPageReader.Settings(pageSize, maxPageNum, prefetch, List.of()), runStatistics, fetchExecutor,
                List::of, PageProgress.NONE);
    }

    /** Puts {@code count} tasks and returns their ids in serving order (newest first). */
    private List<String> putTasks(String prefix, int count, String tier) {
        return putTasks(prefix, count, tier, "succeeded");
    }

    private List<String> putTasks(String prefix, int count, String tier, String status) {
        List<String> servingOrder = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = String.format("%s%03d", prefix, i);
            long createdAt = BASE_CREATED_AT + ("flex".equals(tier) ? 10_000 : 0) + i;
            simulator.put(new SimulatedTask(id, "doubao-seedance-1-0-pro-250528", status, tier, createdAt,
                    createdAt + 60, 100L, 100L, "https://example.test/" + id + ".mp4", null, null, null, false,
                    "720p", "16:9", 5, 24, 1L, Map.of()));
            servingOrder.add(0, id);
        }
        return servingOrder;
    }

    /** A relay on loopback that answers every request with {@code pages.apply(rawQuery)}, recording the queries. */
    private String startRelay(Function<String, String> pages, List<String> queries) throws IOException {
        relayExecutor = Executors.newFixedThreadPool(4);
        relay = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        relay.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            queries.add(query);
            byte[] bytes = pages.apply(query).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
            exchange.close();
        });
        relay.setExecutor(relayExecutor);
        relay.start();
        return "http://127.0.0.1:" + relay.getAddress().getPort() + "/volc/v1";
    }

    private static List<RawTaskItem> readAll(TaskPageReader reader) throws Exception {
        reader.open(new ExecutionContext());
        List<RawTaskItem> items = drain(reader);
        reader.update(new ExecutionContext());
        reader.close();
        return items;
    }

    /**
     * A first execution, pages of 3, without prefetch: it reads and commits chunks of the given sizes, saving its
     * state in {@code context} after each as the step does, and then dies. Returns the ids it read.
     */
    private List<String> runThatFailedAfter(ExecutionContext context, List<ListingSlice> slices, int maxPageNum,
            int... chunkSizes) throws Exception {
        TaskPageReader first = reader(slices, 3, maxPageNum, 0);
        first.open(context);
        List<String> read = new ArrayList<>();
        for (int size : chunkSizes) {
            read.addAll(readChunk(first, context, size));
        }
        first.close();
        return read;
    }

    /** A restarted execution, pages of 3, opened on the failed one's {@code context}: everything it reads. */
    private List<RawTaskItem> resume(ExecutionContext context, List<ListingSlice> slices, int maxPageNum, int prefetch,
            SyncRunStatistics runStatistics) throws Exception {
        TaskPageReader resumed = reader(slices, 3, maxPageNum, prefetch, runStatistics);
        resumed.open(context);
        List<RawTaskItem> items = drain(resumed);
        resumed.close();
        return items;
    }

    /** Reads {@code count} items and saves the reader's state, as the step does after writing a chunk. */
    private static List<String> readChunk(TaskPageReader reader, ExecutionContext context, int count)
            throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RawTaskItem item = reader.read();
            assertThat(item).as("item %d of the chunk", i + 1).isNotNull();
            ids.add(item.item().get("id").stringValue());
        }
        reader.update(context);
        return ids;
    }

    /** [slice index, page] as saved in the context. */
    private static List<Integer> savedPosition(ExecutionContext context) {
        return List.of(context.getInt("taskPageReader." + CheckpointCodec.LISTING_KEY),
                context.getInt("taskPageReader." + CheckpointCodec.PAGE_KEY));
    }

    private static List<RawTaskItem> drain(TaskPageReader reader) throws Exception {
        List<RawTaskItem> items = new ArrayList<>();
        for (RawTaskItem item = reader.read(); item != null; item = reader.read()) {
            items.add(item);
            assertThat(items).as("the reader must end").hasSizeLessThan(10_000);
        }
        return items;
    }

    private static List<String> ids(List<RawTaskItem> items) {
        return items.stream().map(item -> item.item().get("id").stringValue()).toList();
    }
}
