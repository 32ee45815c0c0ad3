package io.arktasksync.job.reader;

import io.arktasksync.client.ListingFilter;
import io.arktasksync.client.TaskPageResponse;

/**
 * Where the reader's pages come from: {@code ArkApiClient::listTasks} in the job, an in-memory listing in tests.
 * The seam that lets every reading rule be tested without a socket.
 */
@FunctionalInterface
public interface PageSource {

    /**
     * One page of one listing, as the upstream answered it (which may not be what was asked: a relay may cap the
     * page size or ignore {@code page_num}; the reader finds out from the answer).
     */
    TaskPageResponse page(ListingFilter filter, int pageNum, int pageSize);
}
