package io.arktasksync.archive;

/** What fetching one link came to. */
sealed interface FetchOutcome {

    /** The whole body is in the spool file and matches the announced length. */
    record Fetched(Download download) implements FetchOutcome {
    }

    /** The storage host refused the link (403, 404, 410): it died; not retried by later runs. */
    record Expired(String reason) implements FetchOutcome {
    }

    /** The run was asked to stop mid-download: nothing to record, the next run fetches it. */
    record Cancelled() implements FetchOutcome {
    }

    /** Every attempt failed (5xx, cut or stalled bodies, refused links); a later run tries again. */
    record Failed(String reason) implements FetchOutcome {
    }

    /** The link can never give a copy (larger than the maximum size): given up at once, not tried again. */
    record GivenUp(String reason) implements FetchOutcome {
    }
}
