package io.arktasksync.archive;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The links an archive pass works through, page by page (keyset pages, so memory does not grow with the number of
 * tasks): first those still alive, the closest to dying first, then the older ones, most recent first. Used by one
 * thread.
 */
final class ArtifactPager {

    /** Tasks per page of links (up to three links each). */
    private static final int PAGE = 200;

    private final ArtifactDao dao;

    private final String account;

    private final int maxRuns;

    private final OffsetDateTime cutoff;

    private final OffsetDateTime due;

    private boolean live = true;

    private OffsetDateTime finished;

    private String task = "";

    /**
     * @param maxRuns links whose earlier runs failed this often are left alone
     * @param cutoff links of tasks finished before this are dead (the API's 24 h)
     * @param due failed links whose next try is after this wait; null: every failed link not given up is due
     */
    ArtifactPager(ArtifactDao dao, String account, int maxRuns, OffsetDateTime cutoff, OffsetDateTime due) {
        this.dao = dao;
        this.account = account;
        this.maxRuns = maxRuns;
        this.cutoff = cutoff;
        this.due = due;
        this.finished = cutoff;
    }

    /** The next page, empty when every link was handed out. */
    List<ArtifactLink> next() {
        List<ArtifactLink> page;
        if (live) {
            page = dao.links(ArtifactDao.Side.LIVE, account, maxRuns, due, cutoff, finished, task, PAGE);
            if (page.isEmpty()) {
                live = false;
                finished = cutoff;
                task = "";
            }
        }
        else {
            page = List.of();
        }
        if (!live) {
            page = dao.links(ArtifactDao.Side.PAST, account, maxRuns, due, cutoff, finished, task, PAGE);
        }
        if (!page.isEmpty()) {
            ArtifactLink last = page.get(page.size() - 1);
            finished = last.finishedAt();
            task = last.taskId();
        }
        return page;
    }
}
