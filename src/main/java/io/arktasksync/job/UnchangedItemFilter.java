package io.arktasksync.job;

import java.util.UUID;

import io.arktasksync.client.JsonText;
import io.arktasksync.mapping.ItemDigest;
import io.arktasksync.mapping.MappingResult;
import io.arktasksync.mapping.RawTaskItem;
import io.arktasksync.mapping.TaskMapper;
import io.arktasksync.persistence.ChunkStaging;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * The step's processor: maps each item, unless the writer already knows that the task is stored from this very
 * item and needs nothing written (in a full run, once its first chunk has loaded the stored state). Such an item is
 * filtered out before mapping and encoding, which were most of what a full re-run over unchanged tasks spent on the
 * step's thread (src/docs/performance.md), and counted as unchanged. It is recognised by its content hash, made from
 * the digest of its bytes as received (hashed on the thread that fetched its page), so nothing of it is read but its
 * id. Anything not known unchanged is mapped and goes to the writer, whose rules decide as before. Step-scoped, used
 * by the step's one thread.
 */
public class UnchangedItemFilter implements ItemProcessor<RawTaskItem, MappingResult> {

    private final TaskMapper mapper;

    private final TaskChunkWriter writer;

    private final SyncRunStatistics statistics;

    private final String account;

    public UnchangedItemFilter(TaskMapper mapper, TaskChunkWriter writer, SyncRunStatistics statistics,
            String account) {
        this.mapper = mapper;
        this.writer = writer;
        this.statistics = statistics;
        this.account = account;
    }

    @Override
    public MappingResult process(RawTaskItem raw) {
        if (raw.receivedDigest() == null || !writer.knowsStoredState()) {
            return mapper.map(raw);
        }
        UUID digest = ItemDigest.of(raw.receivedDigest(), raw.serviceTier());
        String id = JsonText.of(raw.item().get("id"));
        if (id != null && writer.knownUnchanged(id, ChunkStaging.contentHash(digest, account))) {
            statistics.unchangedBeforeMapping();
            return null;
        }
        return mapper.map(raw, digest);
    }
}
