package io.arktasksync.persistence;

import java.time.OffsetDateTime;
import java.util.List;

import io.arktasksync.mapping.MappingResult;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;

/** Quarantines items that could not be mapped, verbatim, with the reason. */
public interface RejectDao {

    @SqlBatch("""
            INSERT INTO ark.task_rejects (run_id, rejected_at, task_id, reason, raw_text, slice, page_num)
            VALUES (:runId, :now, :taskId, :reason, :rawText, :slice, :pageNum)
            """)
    void insert(@Bind("runId") long runId, @Bind("now") OffsetDateTime now,
            @BindMethods List<MappingResult.Rejected> rejects);
}
