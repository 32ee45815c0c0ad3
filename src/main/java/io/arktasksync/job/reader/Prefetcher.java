package io.arktasksync.job.reader;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import io.arktasksync.client.ListingFilter;
import io.arktasksync.client.TaskPageResponse;

/**
 * Fetches the next pages of a listing on other threads while the step maps and writes the current one. It never
 * decides anything: pages are taken in order, and any change of plan (a drop, a learnt cap, the next listing)
 * cancels what was requested ahead.
 */
final class Prefetcher {

    private final PageSource source;

    private final Executor executor;

    private final int pagesAhead;

    private final Deque<Pending> pending = new ArrayDeque<>();

    Prefetcher(PageSource source, Executor executor, int pagesAhead) {
        this.source = source;
        this.executor = executor;
        this.pagesAhead = pagesAhead;
    }

    /** The page, from those requested ahead when it is the next of them, else fetched now. */
    TaskPageResponse take(ListingFilter filter, int pageNum, int pageSize) {
        Pending head = pending.peekFirst();
        if (head == null || head.pageNum() != pageNum || head.pageSize() != pageSize) {
            cancel();
            return source.page(filter, pageNum, pageSize);
        }
        pending.removeFirst();
        try {
            return head.response().join();
        }
        catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Requests the pages after {@code pageNum} that {@code total} says exist, up to {@code pagesAhead} ahead and not
     * past {@code maxPageNum}. Without a total, speculation past a short last page would cost requests.
     */
    void ahead(ListingFilter filter, int pageNum, int pageSize, long total, int maxPageNum) {
        int last = pending.isEmpty() ? pageNum : pending.peekLast().pageNum();
        for (int next = last + 1; next <= pageNum + pagesAhead && next <= maxPageNum; next++) {
            if (total < 0 || (long) (next - 1) * pageSize >= total) {
                break;
            }
            int page = next;
            pending.addLast(new Pending(page, pageSize,
                    CompletableFuture.supplyAsync(() -> source.page(filter, page, pageSize), executor)));
        }
    }

    void cancel() {
        for (Pending page : pending) {
            page.response().cancel(false);
        }
        pending.clear();
    }

    private record Pending(int pageNum, int pageSize, CompletableFuture<TaskPageResponse> response) {
    }
}
