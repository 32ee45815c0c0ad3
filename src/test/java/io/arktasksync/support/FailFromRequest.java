package io.arktasksync.support;

import java.util.Map;

import io.arktasksync.simulator.ArkSimulator;

/**
 * A simulator hook that makes every list request from the n-th on fail with a non-retryable 400, as an API that
 * breaks for good in the middle of a run. Which page the n-th request asks for is only certain when the reader
 * fetches one page at a time ({@code --ark.prefetch-pages=0}): prefetched pages race each other to the server.
 */
public record FailFromRequest(int n, ArkSimulator api) implements Runnable {

    @Override
    public void run() {
        // requestCount() already includes the request being answered
        if (api.requestCount() >= n) {
            api.failNext(1, 400, "{\"error\":{\"code\":\"InvalidParameter\",\"message\":\"boom\"}}", Map.of());
        }
    }
}
