package io.arktasksync.config;

import java.time.Duration;

import org.hibernate.validator.constraints.Range;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How every account's API client talks HTTP: security, timeouts, retries and the bounds that keep a page within the
 * heap. Shared by all accounts.
 *
 * @param allowInsecureHttp allow a plain http:// base URL on a non-loopback host
 * @param connectTimeout HTTP connect timeout
 * @param requestTimeout HTTP timeout for one whole response, body included
 * @param maxAttempts attempts per request on 429, 5xx, I/O errors, timeouts and cut-off bodies
 * @param retryMaxWait upper bound on the total time spent waiting between attempts of one request (Retry-After
 *        honoured)
 * @param maxItemBytes an item larger than this, as received, is quarantined in ark.task_rejects (the start of its
 *        text, its size, its id when readable) instead of read: real items are a few KB, the largest (a long prompt,
 *        a few links) far below a megabyte, so 4 MB is reached only by a broken or hostile upstream. 64KB..256MB
 * @param maxPageBytes a response body larger than this is not read on; the page is read again in smaller pages
 *        (src/docs/failure-modes.md). A page of 500 real items is about 0.5 MB. From max-item-bytes to 1GB
 */
@ConfigurationProperties("ark")
public record ClientSettings(
        @DefaultValue("false") boolean allowInsecureHttp,
        @DefaultValue("10s") @PositiveDuration Duration connectTimeout,
        @DefaultValue("60s") @PositiveDuration Duration requestTimeout,
        @DefaultValue("5") @Range(min = 1, max = 100) int maxAttempts,
        @DefaultValue("2m") Duration retryMaxWait,
        @DefaultValue("4MB") DataSize maxItemBytes,
        @DefaultValue("32MB") DataSize maxPageBytes) {
}
