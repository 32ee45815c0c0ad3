package io.arktasksync.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.arktasksync.bench.BenchmarkPage;
import io.arktasksync.mapping.MappingResult;
import io.arktasksync.mapping.RawTaskItem;
import io.arktasksync.mapping.TaskMapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The per-page CPU work of the read side, on one thread: streaming parse of a 500-item page body
 * ({@link TaskPageParser}), mapping of its items to rows ({@link TaskMapper}, which also serializes each item back to
 * the {@code raw} JSON text), and both. One operation is one page of 500 tasks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = "-Xmx256m")
public class PageMappingBenchmark {

    private TaskPageParser parser;

    private TaskMapper mapper;

    private byte[] body;

    private List<JsonNode> parsedItems;

    @Setup
    public void setUp() {
        JsonMapper json = BenchmarkPage.applicationMapper();
        parser = new TaskPageParser(json);
        mapper = new TaskMapper(json);
        body = BenchmarkPage.body(json);
        parsedItems = parser.parse(body, "benchmark page").items();
        if (parsedItems.size() != BenchmarkPage.ITEMS) {
            throw new IllegalStateException("expected a full page, got " + parsedItems.size() + " items");
        }
        long mapped = map(parsedItems).stream().filter(MappingResult.Mapped.class::isInstance).count();
        if (mapped != BenchmarkPage.ITEMS) {
            throw new IllegalStateException("expected every item to map, " + mapped + " did");
        }
    }

    @Benchmark
    public TaskPageResponse parse() {
        return parser.parse(body, "benchmark page");
    }

    @Benchmark
    public List<MappingResult> map() {
        return map(parsedItems);
    }

    @Benchmark
    public List<MappingResult> parseAndMap() {
        return map(parser.parse(body, "benchmark page").items());
    }

    private List<MappingResult> map(List<JsonNode> items) {
        List<MappingResult> results = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            results.add(mapper.map(new RawTaskItem(item, "default", "default", 1)));
        }
        return results;
    }
}
