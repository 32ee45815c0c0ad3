package io.arktasksync.persistence;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.arktasksync.client.ReceivedDigest;
import io.arktasksync.mapping.MappingResult;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;

/**
 * Quarantines items that could not be mapped, verbatim, with the reason. The same reject met again (by a later run,
 * or twice in one run) updates its row ({@code last_seen_at}, {@code times_seen}, {@code last_run_id}) instead of
 * adding one: an item the API keeps listing for a week would otherwise add a row every run.
 */
public interface RejectDao {

    @SqlBatch("""
            INSERT INTO ark.task_rejects (run_id, rejected_at, task_id, reason, raw_text, slice, page_num, account,
                                          size_bytes, first_seen_at, last_seen_at, last_run_id, reject_key)
            VALUES (:runId, :now, :taskId, :reason, :rawText, :slice, :pageNum, :account,
                    :sizeBytes, :now, :now, :runId, :key)
            ON CONFLICT (reject_key) DO UPDATE
            SET last_seen_at = excluded.last_seen_at,
                last_run_id  = excluded.last_run_id,
                times_seen   = ark.task_rejects.times_seen + 1,
                slice        = excluded.slice,
                page_num     = excluded.page_num
            """)
    void upsert(@Bind("runId") long runId, @Bind("now") OffsetDateTime now, @Bind("account") String account,
            @BindMethods List<MappingResult.Rejected> rejects, @Bind("key") List<UUID> keys);

    /** Quarantines the rejects of one chunk of the account's run. */
    default void insert(long runId, OffsetDateTime now, String account, List<MappingResult.Rejected> rejects) {
        upsert(runId, now, account, rejects, rejects.stream().map(reject -> key(account, reject)).toList());
    }

    /** What makes two rejects the same: account, task id, reason and text (each length-prefixed). */
    static UUID key(String account, MappingResult.Rejected reject) {
        MessageDigest sha256 = ReceivedDigest.sha256();
        for (String part : new String[] { account, reject.taskId(), reject.reason(), reject.rawText() }) {
            byte[] bytes = part == null ? null : part.getBytes(StandardCharsets.UTF_8);
            sha256.update(ByteBuffer.allocate(4).putInt(bytes == null ? -1 : bytes.length).array());
            if (bytes != null) {
                sha256.update(bytes);
            }
        }
        ByteBuffer digest = ByteBuffer.wrap(sha256.digest());
        return new UUID(digest.getLong(), digest.getLong());
    }
}
