package io.arktasksync.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.simulator.SimulatedTaskGenerator;
import io.arktasksync.support.SyncHarness;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile items served among valid tasks: missing, empty, huge and wrongly typed fields, NUL and broken Unicode,
 * absurd numbers and timestamps, statuses nobody has seen, duplicate ids within and across pages. Whatever comes, the
 * run completes, every item ends either as a stored task or as an {@code ark.task_rejects} row with a reason (never
 * both, never neither), and no valid task is lost.
 * <p>
 * Every object item carries a marker field {@code x_case}, kept in {@code raw} or {@code raw_text}, so that each one
 * can be traced to where it ended; non-object items are traced by their exact text.
 */
class HostileInputIT {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static final Pattern MARKER = Pattern.compile("\"x_case\":\"([^\"]+)\"");

    @RegisterExtension
    final SyncHarness harness = new SyncHarness();

    /** Everything served, in serving order. */
    private final List<Served> served = new ArrayList<>();

    private long nextSortKey = NOW.getEpochSecond();

    @Test
    void shouldStoreOrRejectEveryHostileItemAndLoseNoValidTask() {
        // given: every case of the catalogue once, between valid tasks, plus duplicates within and across pages
        List<SimulatedTask> valid = SimulatedTaskGenerator.generate(120, 303L, NOW);
        int v = 0;
        for (HostileCase hostile : HostileCase.CATALOGUE) {
            serveValid(valid.get(v++));
            serve(hostile, "t");
        }
        while (v < valid.size()) {
            serveValid(valid.get(v++));
        }
        // the same task twice on one page, and again pages later
        serveCopy(valid.get(0), "copy-same-page", null);
        serveCopy(valid.get(0), "copy-later-page", null);
        // an older version of a task after its newer one: must not overwrite it
        SimulatedTask newest = valid.get(5);
        serveCopy(newest.withStatus("queued", newest.updatedAt() - 3_600), "older-version", null);

        // when
        int exitCode = harness.sync("--ark.page-size=7", "--ark.chunk-size=5", "--ark.max-reject-ratio=1");

        // then
        assertThat(exitCode).isZero();
        assertEveryItemEndedExactlyOnce(valid);
        String storedStatus = harness.jdbi().withHandle(h -> h.createQuery("SELECT status FROM ark.tasks WHERE id = :id")
            .bind("id", newest.id()).mapTo(String.class).one());
        assertThat(storedStatus).as("the older version did not win").isEqualTo(newest.status());
        assertThat(harness.count("SELECT count(*) FROM ark.task_history WHERE task_id = '" + newest.id() + "'"))
            .isEqualTo(1);
        assertStoredAsExpected();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = { 1L, 2L, 3L })
    void shouldStoreOrRejectEveryItemOfARandomHostileMix(long seed) {
        // given: valid tasks, hostile cases and duplicates in a random order, with random page and chunk sizes
        Random random = new Random(seed);
        List<SimulatedTask> valid = SimulatedTaskGenerator.generate(40 + random.nextInt(60), 1_000 + seed, NOW);
        List<Runnable> serving = new ArrayList<>();
        for (SimulatedTask task : valid) {
            serving.add(() -> serveValid(task));
        }
        int hostiles = 15 + random.nextInt(30);
        for (int i = 0; i < hostiles; i++) {
            HostileCase hostile = HostileCase.CATALOGUE.get(random.nextInt(HostileCase.CATALOGUE.size()));
            String instance = "r" + i;
            serving.add(() -> serve(hostile, instance));
        }
        for (int i = 0; i < 5; i++) {
            SimulatedTask original = valid.get(random.nextInt(valid.size()));
            String copy = "copy" + i;
            serving.add(() -> serveCopy(original, copy, null));
        }
        java.util.Collections.shuffle(serving, random);
        serving.forEach(Runnable::run);
        int pageSize = new int[] { 2, 3, 5, 10, 50 }[random.nextInt(5)];
        int chunkSize = new int[] { 1, 4, 10, 100 }[random.nextInt(4)];

        // when
        int exitCode = harness.sync("--ark.page-size=" + pageSize, "--ark.chunk-size=" + chunkSize,
                "--ark.max-reject-ratio=1");

        // then
        assertThat(exitCode).as("page size %d, chunk size %d", pageSize, chunkSize).isZero();
        assertEveryItemEndedExactlyOnce(valid);
        assertStoredAsExpected();
    }

    @Test
    void shouldReadOnAfterPagesThatHoldOnlyItemsWithoutAnId() {
        // given: one item per page, and two id-less items in a row before the valid tasks
        List<SimulatedTask> valid = SimulatedTaskGenerator.generate(6, 404L, NOW);
        serve(HostileCase.named("id_missing"), "a");
        serve(HostileCase.named("not_an_object_number"), "b");
        serve(HostileCase.named("id_null"), "c");
        valid.forEach(this::serveValid);

        // when
        int exitCode = harness.sync("--ark.page-size=1", "--ark.chunk-size=1", "--ark.max-reject-ratio=1",
                "--ark.filter.service-tier=default");

        // then
        assertThat(exitCode).isZero();
        assertEveryItemEndedExactlyOnce(valid);
    }

    @Test
    void shouldRejectAnItemWithALoneSurrogateInAFieldNameAndStoreTheRest() {
        // given
        List<SimulatedTask> valid = SimulatedTaskGenerator.generate(20, 505L, NOW);
        valid.forEach(this::serveValid);
        serve(HostileCase.named("lone_surrogate_in_a_key"), "k");

        // when
        int exitCode = harness.sync("--ark.max-reject-ratio=1", "--ark.max-attempts=1");

        // then
        assertThat(exitCode).isZero();
        assertEveryItemEndedExactlyOnce(valid);
        String servedText = served.get(served.size() - 1).json();
        Map<String, Object> reject = harness.jdbi().withHandle(h -> h
            .createQuery("SELECT task_id, reason, raw_text FROM ark.task_rejects").mapToMap().one());
        assertThat((String) reject.get("reason")).startsWith("the item is not valid JSON");
        assertThat(reject.get("task_id")).as("the id, read before the broken field name")
            .isEqualTo("cgt-hostile-lone_surrogate_in_a_key-k");
        assertThat(reject.get("raw_text")).as("the item as received").isEqualTo(servedText);
    }

    // ---- serving ----

    private void serveValid(SimulatedTask task) {
        ObjectNode json = task.toJson(MAPPER);
        String marker = "valid-" + task.id();
        json.put("x_case", marker);
        served.add(new Served(marker, task.id(), MAPPER.writeValueAsString(json), Expect.STORED, null));
        harness.api().putRaw("k-" + served.size(), MAPPER.writeValueAsString(json), nextSortKey--, "default");
    }

    /** Serves another copy of a valid task (or of a version of it) under the same id. */
    private void serveCopy(SimulatedTask task, String label, String tier) {
        ObjectNode json = task.toJson(MAPPER);
        String marker = label + "-" + task.id();
        json.put("x_case", marker);
        served.add(new Served(marker, task.id(), MAPPER.writeValueAsString(json), Expect.STORED, null));
        harness.api().putRaw("k-" + served.size(), MAPPER.writeValueAsString(json), nextSortKey--,
                tier == null ? "default" : tier);
    }

    private void serve(HostileCase hostile, String instance) {
        String marker = "case-" + hostile.name() + "-" + instance;
        String id = "cgt-hostile-" + hostile.name() + "-" + instance;
        String json = hostile.render(id, marker, NOW.getEpochSecond());
        String traceId = hostile.keepsId() ? id : null;
        served.add(new Served(json.startsWith("{") ? marker : null, traceId, json, hostile.expect(), hostile));
        harness.api().putRaw("k-" + served.size(), json, nextSortKey--, "default");
    }

    // ---- checks ----

    /**
     * Each served item ended in exactly one place; items sharing an id were merged into one row; stored + rejected
     * adds up to the distinct items served; every reject says why; every valid task is stored.
     */
    private void assertEveryItemEndedExactlyOnce(List<SimulatedTask> valid) {
        List<Map<String, Object>> stored = harness.jdbi().withHandle(h -> h
            .createQuery("SELECT id, raw ->> 'x_case' AS marker FROM ark.tasks").mapToMap().list());
        List<Map<String, Object>> rejects = harness.jdbi().withHandle(h -> h
            .createQuery("SELECT task_id, reason, raw_text FROM ark.task_rejects").mapToMap().list());
        Map<String, Integer> storedMarkers = new HashMap<>();
        stored.forEach(row -> storedMarkers.merge(String.valueOf(row.get("marker")), 1, Integer::sum));
        Map<String, Integer> rejectedMarkers = new HashMap<>();
        Map<String, Integer> rejectedTexts = new HashMap<>();
        for (Map<String, Object> reject : rejects) {
            String raw = (String) reject.get("raw_text");
            Matcher m = MARKER.matcher(raw);
            if (m.find()) {
                rejectedMarkers.merge(m.group(1), 1, Integer::sum);
            }
            else {
                rejectedTexts.merge(raw, 1, Integer::sum);
            }
        }
        Map<String, List<Served>> byId = served.stream().filter(s -> s.id() != null)
            .collect(Collectors.groupingBy(Served::id, LinkedHashMap::new, Collectors.toList()));
        SoftAssertions softly = new SoftAssertions();
        for (Served item : served) {
            String what = item.describe();
            if (item.marker() == null) {
                // traced by its text: as many rejects with this text as items served with it (true, null...)
                long servedWithText = served.stream().filter(s -> s.marker() == null && s.json().equals(item.json()))
                    .count();
                softly.assertThat((long) rejectedTexts.getOrDefault(item.json(), 0)).as("%s: rejected", what)
                    .isEqualTo(servedWithText);
                continue;
            }
            int asTask = storedMarkers.getOrDefault(item.marker(), 0);
            int asReject = rejectedMarkers.getOrDefault(item.marker(), 0);
            List<Served> sameId = item.id() == null ? List.of(item) : byId.get(item.id());
            if (sameId.size() > 1) {
                // copies of one task: one row holds one of them, none is rejected
                softly.assertThat(asReject).as("%s: a copy is never rejected", what).isZero();
                long rowsForId = sameId.stream().mapToInt(s -> storedMarkers.getOrDefault(s.marker(), 0)).sum();
                softly.assertThat(rowsForId).as("%s: one row for all copies", what).isEqualTo(1);
                continue;
            }
            softly.assertThat(asTask + asReject).as("%s: stored %d times, rejected %d times", what, asTask, asReject)
                .isEqualTo(1);
            if (item.expect() == Expect.STORED) {
                softly.assertThat(asTask).as("%s: must be stored", what).isEqualTo(1);
            }
            else if (item.expect() == Expect.REJECTED) {
                softly.assertThat(asReject).as("%s: must be rejected", what).isEqualTo(1);
            }
        }
        softly.assertThat(rejects).as("every reject says why")
            .allSatisfy(r -> assertThat((String) r.get("reason")).isNotBlank());
        Set<String> storedIds = stored.stream().map(r -> (String) r.get("id")).collect(Collectors.toSet());
        softly.assertThat(storedIds).as("no valid task lost")
            .containsAll(valid.stream().map(SimulatedTask::id).toList());
        long distinct = served.stream().filter(s -> s.id() == null || byId.get(s.id()).size() == 1).count()
                + byId.values().stream().filter(copies -> copies.size() > 1).count();
        softly.assertThat((long) stored.size() + rejects.size()).as("stored + rejected = distinct items served")
            .isEqualTo(distinct);
        softly.assertThat(harness.count("SELECT count(DISTINCT task_id) FROM ark.task_history"))
            .as("history for every stored task").isEqualTo(stored.size());
        softly.assertAll();
    }

    /** Spot checks of what the odd but valid items became. */
    private void assertStoredAsExpected() {
        for (Served item : served) {
            if (item.hostile() != null && item.hostile().check() != null && item.id() != null) {
                Map<String, Object> row = harness.jdbi().withHandle(h -> h.createQuery("""
                        SELECT t.*, extract(epoch FROM t.created_at)::bigint AS created_epoch,
                               u.completion_tokens, u.total_tokens
                        FROM ark.tasks t LEFT JOIN ark.task_usage u ON u.task_id = t.id WHERE t.id = :id
                        """).bind("id", item.id()).mapToMap().one());
                item.hostile().check().accept(row);
            }
        }
    }

    private enum Expect {
        STORED, REJECTED, EITHER
    }

    private record Served(String marker, String id, String json, Expect expect, HostileCase hostile) {

        String describe() {
            return hostile == null ? "valid item " + marker
                    : "case " + hostile.name() + " (" + (json.length() > 120 ? json.substring(0, 120) + "..." : json) + ")";
        }
    }

    /**
     * One kind of hostile item: fields of a valid succeeded task, changed by {@code fields}. Values are raw JSON
     * text, so that anything a JSON writer would never produce can be served.
     *
     * @param keepsId whether the item's id is the one given (so the item can be traced by id)
     * @param check what a stored row must look like, or null
     */
    private record HostileCase(String name, Expect expect, boolean keepsId, Consumer<Map<String, String>> fields,
            String literal, Consumer<Map<String, Object>> check) {

        static final List<HostileCase> CATALOGUE = catalogue();

        static HostileCase named(String name) {
            return CATALOGUE.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
        }

        String render(String id, String marker, long now) {
            if (literal != null) {
                return literal.replace("MARK", marker);
            }
            Map<String, String> item = new LinkedHashMap<>();
            item.put("\"id\"", quote(id));
            item.put("\"model\"", "\"doubao-seedance-1-0-pro-250528\"");
            item.put("\"status\"", "\"succeeded\"");
            item.put("\"content\"", "{\"video_url\":\"https://example.com/v.mp4\"}");
            item.put("\"usage\"", "{\"completion_tokens\":100,\"total_tokens\":100}");
            item.put("\"created_at\"", Long.toString(now - 600));
            item.put("\"updated_at\"", Long.toString(now - 500));
            item.put("\"service_tier\"", "\"default\"");
            item.put("\"x_case\"", quote(marker));
            fields.accept(item);
            return item.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
        }

        private static String quote(String text) {
            return "\"" + text + "\"";
        }

        private static HostileCase stored(String name, Consumer<Map<String, String>> fields,
                Consumer<Map<String, Object>> check) {
            return new HostileCase(name, Expect.STORED, true, fields, null, check);
        }

        private static HostileCase rejected(String name, Consumer<Map<String, String>> fields) {
            return new HostileCase(name, Expect.REJECTED, true, fields, null, null);
        }

        private static HostileCase rejectedWithoutId(String name, Consumer<Map<String, String>> fields) {
            return new HostileCase(name, Expect.REJECTED, false, fields, null, null);
        }

        private static HostileCase either(String name, Consumer<Map<String, String>> fields) {
            return new HostileCase(name, Expect.EITHER, true, fields, null, null);
        }

        private static HostileCase literal(String name, String json) {
            return new HostileCase(name, Expect.REJECTED, false, null, json, null);
        }

        private static List<HostileCase> catalogue() {
            String hugeRandom = randomLetters(100_000, 7L);
            String hugeRepetitive = "a".repeat(100_000);
            return List.of(
                    // odd but valid: stored, as sent
                    stored("status_never_seen", f -> f.put("\"status\"", "\"paused_by_moderation\""),
                            row -> assertThat(row.get("status")).isEqualTo("paused_by_moderation")),
                    stored("timestamps_in_the_future", f -> {
                        f.put("\"created_at\"", "4102444800");
                        f.put("\"updated_at\"", "4102444801");
                    }, row -> assertThat(row.get("created_epoch")).isEqualTo(4_102_444_800L)),
                    stored("timestamps_zero", f -> {
                        f.put("\"created_at\"", "0");
                        f.put("\"updated_at\"", "0");
                    }, row -> assertThat(row.get("created_epoch")).isEqualTo(0L)),
                    stored("only_an_id", f -> f.keySet().removeIf(k -> !k.equals("\"id\"") && !k.equals("\"x_case\"")),
                            row -> assertThat(row.get("status")).isNull()),
                    stored("everything_null", f -> f.replaceAll((k, v) -> k.equals("\"id\"") || k.equals("\"x_case\"")
                            ? v : "null"), row -> assertThat(row.get("total_tokens")).isNull()),
                    stored("empty_content_and_usage", f -> {
                        f.put("\"content\"", "{\"video_url\":\"\"}");
                        f.put("\"usage\"", "{}");
                    }, row -> assertThat(row.get("video_url")).isNull()),
                    stored("status_a_number", f -> f.put("\"status\"", "3"),
                            row -> assertThat(row.get("status")).isEqualTo("3")),
                    stored("tokens_zero", f -> f.put("\"usage\"", "{\"completion_tokens\":0,\"total_tokens\":0}"),
                            row -> assertThat(row.get("total_tokens")).isEqualTo(0L)),
                    stored("tokens_max_long", f -> f.put("\"usage\"",
                            "{\"completion_tokens\":9223372036854775807,\"total_tokens\":9223372036854775807}"),
                            row -> assertThat(row.get("total_tokens")).isEqualTo(Long.MAX_VALUE)),
                    stored("big_but_storable_number_in_unknown_field", f -> f.put("\"x_big\"", "1e400"),
                            row -> assertThat(row.get("raw").toString()).contains("1" + "0".repeat(400))),
                    stored("emoji_and_cjk", f -> f.put("\"model\"", "\"\\u89c6\\u9891-\\ud83c\\udfac\""),
                            row -> assertThat(row.get("model")).isEqualTo("视频-🎬")),
                    stored("huge_unindexed_text", f -> f.put("\"error\"",
                            "{\"code\":\"X\",\"message\":\"" + hugeRandom + "\"}"),
                            row -> assertThat((String) row.get("error_message")).hasSize(100_000)),
                    stored("unknown_nested_fields", f -> f.put("\"x_new\"", "{\"a\":[1,{\"b\":null}],\"c\":true}"),
                            null),
                    // a 100 KB value in an indexed column: PostgreSQL refuses what it cannot index
                    rejected("huge_random_model_in_an_index", f -> f.put("\"model\"", quote(hugeRandom))),
                    either("huge_repetitive_model_in_an_index", f -> f.put("\"model\"", quote(hugeRepetitive))),
                    // ids
                    rejectedWithoutId("id_missing", f -> f.remove("\"id\"")),
                    rejectedWithoutId("id_null", f -> f.put("\"id\"", "null")),
                    rejectedWithoutId("id_empty", f -> f.put("\"id\"", "\"\"")),
                    rejectedWithoutId("id_blank", f -> f.put("\"id\"", "\"   \"")),
                    rejectedWithoutId("id_an_object", f -> f.put("\"id\"", "{\"value\":\"cgt-1\"}")),
                    rejectedWithoutId("id_an_array", f -> f.put("\"id\"", "[\"cgt-1\"]")),
                    rejectedWithoutId("id_100kb", f -> f.put("\"id\"", quote(hugeRepetitive))),
                    rejectedWithoutId("id_with_nul", f -> f.put("\"id\"", "\"cgt-\\u0000-x\"")),
                    rejectedWithoutId("id_with_lone_surrogate", f -> f.put("\"id\"", "\"cgt-\\ud800-x\"")),
                    // wrong types
                    rejected("created_at_text", f -> f.put("\"created_at\"", "\"yesterday\"")),
                    rejected("created_at_negative", f -> f.put("\"created_at\"", "-5")),
                    rejected("created_at_past_year_9999", f -> f.put("\"created_at\"", "99999999999999")),
                    rejected("updated_at_fractional", f -> f.put("\"updated_at\"", "1764072000.5")),
                    rejected("content_a_string", f -> f.put("\"content\"", "\"https://example.com/v.mp4\"")),
                    rejected("usage_an_array", f -> f.put("\"usage\"", "[100,100]")),
                    rejected("duration_a_word", f -> f.put("\"duration\"", "\"five\"")),
                    rejected("duration_beyond_int", f -> f.put("\"duration\"", "1e10")),
                    rejected("seed_an_object", f -> f.put("\"seed\"", "{}")),
                    rejected("model_an_array", f -> f.put("\"model\"", "[\"a\",\"b\"]")),
                    // numbers
                    rejected("tokens_negative", f -> f.put("\"usage\"", "{\"completion_tokens\":-1,\"total_tokens\":5}")),
                    rejected("tokens_beyond_long", f -> f.put("\"usage\"",
                            "{\"completion_tokens\":99999999999999999999,\"total_tokens\":1}")),
                    rejected("tokens_1e400000", f -> f.put("\"usage\"", "{\"completion_tokens\":1,\"total_tokens\":1e400000}")),
                    rejected("tokens_fractional", f -> f.put("\"usage\"", "{\"completion_tokens\":1,\"total_tokens\":12.5}")),
                    rejected("tokens_text", f -> f.put("\"usage\"", "{\"completion_tokens\":\"many\"}")),
                    rejected("number_1e400000_in_unknown_field", f -> f.put("\"x_big\"", "1e400000")),
                    rejected("number_1e_minus_400000_in_unknown_field", f -> f.put("\"x_small\"", "1e-400000")),
                    // text PostgreSQL cannot hold
                    rejected("nul_in_model", f -> f.put("\"model\"", "\"a\\u0000b\"")),
                    rejected("nul_in_nested_url", f -> f.put("\"content\"", "{\"video_url\":\"https://x/\\u0000\"}")),
                    rejected("nul_in_a_key", f -> f.put("\"x\\u0000y\"", "1")),
                    rejected("lone_high_surrogate", f -> f.put("\"model\"", "\"m-\\ud800\"")),
                    rejected("lone_low_surrogate", f -> f.put("\"resolution\"", "\"\\udc00p\"")),
                    rejected("reversed_surrogate_pair", f -> f.put("\"ratio\"", "\"\\udc00\\ud800\"")),
                    // text the JSON parser refuses in a field name (it accepts it in a value): the item alone
                    rejected("lone_surrogate_in_a_key", f -> f.put("\"\\ud834\"", "1")),
                    // not objects at all
                    literal("not_an_object_number", "424242"),
                    literal("not_an_object_string", "\"cgt-just-a-string MARK\""),
                    literal("not_an_object_array", "[\"MARK\",1]"),
                    literal("not_an_object_boolean", "true"),
                    literal("not_an_object_null", "null"));
        }

        private static String randomLetters(int length, long seed) {
            Random random = new Random(seed);
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append((char) ('a' + random.nextInt(26)));
            }
            return text.toString();
        }
    }
}
