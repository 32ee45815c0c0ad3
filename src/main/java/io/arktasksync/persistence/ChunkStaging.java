package io.arktasksync.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.arktasksync.client.ReceivedDigest;
import io.arktasksync.mapping.Attribution;
import io.arktasksync.mapping.ItemDigest;
import io.arktasksync.mapping.MappingResult;
import io.arktasksync.mapping.TaskRow;
import io.arktasksync.mapping.UsageRow;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.UncategorizedSQLException;

/**
 * Loads a chunk of tasks into the session's temporary table {@code sync_input} with binary {@code COPY}, on the
 * connection of the current transaction, for {@link TaskUpsertDao#upsertStaged} to merge. The table empties itself
 * at commit ({@code ON COMMIT DELETE ROWS}), so a chunk never sees another's rows.
 * <p>
 * Unless told otherwise, the chunk's transaction commits without waiting for the WAL flush ({@code SET LOCAL
 * synchronous_commit = off}): a full sync commits hundreds of chunks, and the waits cost 5-12% of its time
 * (src/bench/benchmark.sh, src/docs/performance.md). Safe for this job because a chunk's rows and Spring Batch's record of the chunk commit in
 * the same transaction: a database crash loses both or neither, and the next run reads a lost chunk again.
 * <p>
 * The chunk's transaction also runs without JIT compilation ({@code SET LOCAL jit = off}): the merge statement of
 * {@link TaskUpsertDao} is estimated far above {@code jit_above_cost} (more so on tables not yet analyzed), so a server
 * with JIT (the packaged PostgreSQL builds have it, on by default) compiled it for every chunk, for a statement that
 * touches a few hundred rows. Measured on such a server (src/docs/performance.md): IncrementalSyncIT's first test,
 * small syncs into fresh tables, 19.7 s with JIT and 10.0 s without; at 100,000 tasks (src/bench/benchmark.sh) the
 * difference is within the run-to-run noise.
 */
public class ChunkStaging {

    static final String CREATE_TABLE = """
            CREATE TEMP TABLE IF NOT EXISTS sync_input (
                id text, model text, status text, service_tier text, video_url text, last_frame_url text,
                file_url text, error_code text, error_message text, resolution text, ratio text, duration int,
                frames int, fps int, seed bigint, created_epoch bigint, updated_epoch bigint, raw jsonb,
                has_usage boolean, completion_tokens bigint, total_tokens bigint, tool_usage jsonb,
                safety_identifier text, priority text, draft boolean, generate_audio boolean, tool_types text[],
                content_hash uuid
            ) ON COMMIT DELETE ROWS
            """;

    private static final int FIELDS = 28;

    private static final String COPY = "COPY pg_temp.sync_input FROM STDIN (FORMAT binary)";

    private final Jdbi jdbi;

    private final String sessionSettings;

    public ChunkStaging(Jdbi jdbi, boolean synchronousCommit) {
        this.jdbi = jdbi;
        // Quietly: "already exists, skipping" would otherwise come back as a notice on every chunk.
        String always = "SET LOCAL client_min_messages = warning; SET LOCAL jit = off";
        this.sessionSettings = synchronousCommit ? always : always + "; SET LOCAL synchronous_commit = off";
    }

    /** @param rows distinct by id, from {@link #encode} */
    public void stage(List<StagedRow> rows) {
        BinaryCopyBuffer copy = stream(rows);
        jdbi.useHandle(handle -> {
            handle.execute(sessionSettings);
            handle.execute(CREATE_TABLE);
            try {
                handle.getConnection().unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, copy.finish());
            }
            catch (SQLException e) {
                throw new UncategorizedSQLException("COPY into sync_input", COPY, e);
            }
            catch (IOException e) {
                throw new DataAccessResourceFailureException("COPY into sync_input failed", new UncheckedIOException(e));
            }
        });
    }

    /** The rows as one binary COPY stream (not yet {@link BinaryCopyBuffer#finish finished}). */
    static BinaryCopyBuffer stream(List<StagedRow> rows) {
        int bytes = 64;
        for (StagedRow row : rows) {
            bytes += row.length();
        }
        BinaryCopyBuffer copy = new BinaryCopyBuffer(bytes);
        rows.forEach(row -> copy.append(row.rows(), row.offset(), row.length()));
        return copy;
    }

    /**
     * The content hash a task is stored with ({@code ark.tasks.content_hash}): its item's {@link ItemDigest}, which
     * stands for everything its row is mapped from, and the account it is written for. Comparable before the item is
     * mapped.
     */
    public static UUID contentHash(UUID itemDigest, String account) {
        MessageDigest sha256 = ReceivedDigest.sha256();
        sha256.update(ByteBuffer.allocate(16).putLong(itemDigest.getMostSignificantBits())
            .putLong(itemDigest.getLeastSignificantBits()).array());
        sha256.update(account.getBytes(StandardCharsets.UTF_8));
        ByteBuffer hash = ByteBuffer.wrap(sha256.digest());
        return new UUID(hash.getLong(), hash.getLong());
    }

    /**
     * Encodes each task as a {@code sync_input} row with its {@link #contentHash}: the in-memory part of
     * {@link #stage}, done before staging so that the writer can leave out tasks whose stored hash is the same.
     *
     * @param account the account the tasks are written for: part of the hash, since it is part of what is written
     */
    public static List<StagedRow> encode(List<MappingResult.Mapped> tasks, String account) {
        // A simulated task encodes to about 1,800 bytes (StagingEncodeBenchmark); sized above that, the chunk's
        // buffer is allocated once instead of grown.
        BinaryCopyBuffer buffer = BinaryCopyBuffer.rowsOnly(tasks.size() * 2_048);
        int[] ends = new int[tasks.size()];
        UUID[] hashes = new UUID[tasks.size()];
        for (int i = 0; i < ends.length; i++) {
            buffer.startRow(FIELDS);
            encodeValues(tasks.get(i), buffer);
            hashes[i] = contentHash(tasks.get(i).itemDigest(), account);
            buffer.uuid(hashes[i]);
            ends[i] = buffer.size();
        }
        // Only now: the buffer's array is final once every row is in it.
        byte[] bytes = buffer.array();
        List<StagedRow> rows = new ArrayList<>(tasks.size());
        for (int i = 0; i < ends.length; i++) {
            int start = i == 0 ? 0 : ends[i - 1];
            rows.add(new StagedRow(tasks.get(i), hashes[i], bytes, start, ends[i] - start));
        }
        return rows;
    }

    private static void encodeValues(MappingResult.Mapped mapped, BinaryCopyBuffer copy) {
        TaskRow t = mapped.task();
        UsageRow u = mapped.usage();
        copy.text(t.id());
        copy.text(t.model());
        copy.text(t.status());
        copy.text(t.serviceTier());
        copy.text(t.videoUrl());
        copy.text(t.lastFrameUrl());
        copy.text(t.fileUrl());
        copy.text(t.errorCode());
        copy.text(t.errorMessage());
        copy.text(t.resolution());
        copy.text(t.ratio());
        copy.int4(t.duration());
        copy.int4(t.frames());
        copy.int4(t.fps());
        copy.int8(t.seed());
        copy.int8(t.createdAt());
        copy.int8(t.updatedAt());
        copy.jsonb(t.rawJson());
        copy.bool(u != null);
        copy.int8(u == null ? null : u.completionTokens());
        copy.int8(u == null ? null : u.totalTokens());
        copy.jsonb(u == null ? null : u.toolUsageJson());
        Attribution a = t.attribution();
        copy.text(a.safetyIdentifier());
        copy.text(a.priority());
        copy.bool(a.draft());
        copy.bool(a.generateAudio());
        copy.textArray(a.toolTypes());
    }
}
