package io.arktasksync.persistence;

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
 * The in-memory part of the writer: encoding and hashing a chunk of 500 mapped tasks (the default chunk size) as the binary
 * {@code COPY} stream that {@link ChunkStaging#stage} sends to {@code sync_input}. No database. One operation is
 * one chunk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = "-Xmx256m")
public class StagingEncodeBenchmark {

    private List<MappingResult.Mapped> chunk;

    @Setup
    public void setUp() {
        JsonMapper json = BenchmarkPage.applicationMapper();
        TaskMapper mapper = new TaskMapper(json);
        JsonNode page = json.readTree(BenchmarkPage.body(json));
        chunk = new ArrayList<>();
        for (JsonNode item : page.get("items")) {
            chunk.add((MappingResult.Mapped) mapper.map(new RawTaskItem(item, "default", "default", 1)));
        }
        int bytes = ChunkStaging.stream(ChunkStaging.encode(chunk, "default")).size();
        System.out.printf("%n%d tasks encode to %,d bytes (%d per task)%n", chunk.size(), bytes, bytes / chunk.size());
    }

    @Benchmark
    public BinaryCopyBuffer encodeChunk() {
        return ChunkStaging.stream(ChunkStaging.encode(chunk, "default"));
    }
}
