package io.arktasksync.job;

import java.time.Clock;
import java.util.UUID;

import io.arktasksync.client.JsonText;
import io.arktasksync.mapping.ItemDigest;
import io.arktasksync.mapping.MappingResult;
import io.arktasksync.mapping.RawTaskItem;
import io.arktasksync.mapping.TaskMapper;
import io.arktasksync.persistence.ChunkStaging;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * The step's processor: maps each item, unless the step's {@link UnchangedTasks} (shared with the writer) knows that
 * the task is stored from this very item and needs nothing written (in a full run, once its first chunk has loaded
 * the stored state). Such an item is filtered out before mapping and encoding, which were most of what a full re-run
 * over unchanged tasks spent on the step's thread (src/docs/performance.md), and counted as unchanged. It is
 * recognised by its content hash, made from the digest of its bytes as received (hashed on the thread that fetched
 * its page), so nothing of it is read but its id. Anything not known unchanged is mapped and goes to the writer,
 * whose rules decide as before. Step-scoped, used by the step's one thread.
 */
public class UnchangedItemFilter implements ItemProcessor<RawTaskItem, MappingResult> {

    private final TaskMapper mapper;

    private final UnchangedTasks unchangedTasks;

    private final SyncRunStatistics statistics;

    private final String account;

    private final Clock clock;

    /** @param unchangedTasks the step's, shared with its writer */
    UnchangedItemFilter(TaskMapper mapper, UnchangedTasks unchangedTasks, SyncRunStatistics statistics,
            String account, Clock clock) {
        this.mapper = mapper;
        this.unchangedTasks = unchangedTasks;
        this.statistics = statistics;
        this.account = account;
        this.clock = clock;
    }

    @Override
    public MappingResult process(RawTaskItem raw) {
        if (raw.receivedDigest() == null || !unchangedTasks.knowsStoredState()) {
            return mapper.map(raw);
        }
        UUID digest = ItemDigest.of(raw.receivedDigest(), raw.serviceTier());
        String id = JsonText.of(raw.item().get("id"));
        if (id != null
                && unchangedTasks.knownUnchanged(id, ChunkStaging.contentHash(digest, account), clock.instant())) {
            statistics.unchangedBeforeMapping();
            return null;
        }
        return mapper.map(raw, digest);
    }
}
