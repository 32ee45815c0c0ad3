package io.arktasksync.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

import io.arktasksync.client.Sleeper;

/**
 * Downloads one signed link into a spool file, streaming: the sha256 and the size are computed while the bytes pass
 * (a 200 MB video never sits in memory), and the size must match {@code Content-Length}.
 * <p>
 * Only the link the API returned is fetched: redirects are not followed, and plain http only to a loopback host.
 * A link whose own signature says it ran out is not requested at all ({@link SignedExpiry}).
 * 403, 404 and 410 mean the link died ({@link FetchOutcome.Expired}); 5xx, 429 and cut or stalled connections are
 * retried with exponential backoff, up to {@code maxAttempts}. The signed query string is a credential: no reason or
 * exception text built here contains it.
 */
final class ArtifactFetcher {

    private static final Set<Integer> DEAD_LINK = Set.of(403, 404, 410);

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private static final int BUFFER = 64 * 1024;

    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /** A signature is taken as run out only this long after its expiry: our clock or the host's may be off. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final int maxAttempts;

    private final Duration connectTimeout;

    private final Duration readTimeout;

    private final Bandwidth bandwidth;

    private final Sleeper sleeper;

    private final Clock clock;

    ArtifactFetcher(int maxAttempts, Duration connectTimeout, Duration readTimeout, Bandwidth bandwidth,
            Sleeper sleeper, Clock clock) {
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.bandwidth = bandwidth;
        this.sleeper = sleeper;
    }

    FetchOutcome fetch(ArtifactLink link, Path spool, LongConsumer received) throws InterruptedException {
        return fetch(link, spool, received, () -> false);
    }

    /**
     * @param received told of every block of bytes received (progress and metrics), retried attempts included
     * @param cancelled polled between blocks and attempts: true abandons the download ({@link FetchOutcome.Cancelled})
     */
    FetchOutcome fetch(ArtifactLink link, Path spool, LongConsumer received, BooleanSupplier cancelled)
            throws InterruptedException {
        URI uri;
        try {
            uri = URI.create(link.url());
        }
        catch (IllegalArgumentException e) {
            return new FetchOutcome.Failed("not a valid URL");
        }
        String refusal = refusal(uri);
        if (refusal != null) {
            return new FetchOutcome.Failed(refusal);
        }
        Instant expiry = SignedExpiry.of(link.url());
        if (expiry != null && !clock.instant().isBefore(expiry.plus(CLOCK_SKEW))) {
            return new FetchOutcome.Expired("signature expired at " + expiry + "; not requested");
        }
        String lastProblem = null;
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (cancelled.getAsBoolean()) {
                return new FetchOutcome.Cancelled();
            }
            if (attempt > 1) {
                sleeper.sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
            HttpURLConnection connection = null;
            try {
                connection = (HttpURLConnection) uri.toURL().openConnection();
                connection.setInstanceFollowRedirects(false);
                connection.setConnectTimeout((int) connectTimeout.toMillis());
                connection.setReadTimeout((int) readTimeout.toMillis());
                connection.setRequestProperty("Accept-Encoding", "identity");
                int status = connection.getResponseCode();
                if (status == 200) {
                    Download download = receive(connection, spool, link, received, cancelled);
                    return download == null ? new FetchOutcome.Cancelled() : new FetchOutcome.Fetched(download);
                }
                if (DEAD_LINK.contains(status)) {
                    return new FetchOutcome.Expired("HTTP " + status + " from " + uri.getHost());
                }
                lastProblem = "HTTP " + status + " from " + uri.getHost();
                if (status >= 300 && status < 400) {
                    return new FetchOutcome.Failed(lastProblem + ": a redirect, not followed (only the link the API "
                            + "returned is fetched)");
                }
                if (status < 500 && status != 429 && status != 408) {
                    return new FetchOutcome.Failed(lastProblem);
                }
            }
            catch (IOException e) {
                lastProblem = redacted(e, link);
            }
            finally {
                if (connection != null) {
                    connection.disconnect();
                }
            }
        }
        return new FetchOutcome.Failed(lastProblem + " (" + maxAttempts + " attempts)");
    }

    /** @return the download, or null when cancelled */
    private Download receive(HttpURLConnection connection, Path spool, ArtifactLink link, LongConsumer received,
            BooleanSupplier cancelled) throws IOException, InterruptedException {
        long announced = connection.getContentLengthLong();
        MessageDigest sha256 = sha256();
        long size = 0;
        byte[] buffer = new byte[BUFFER];
        try (InputStream body = connection.getInputStream(); OutputStream out = Files.newOutputStream(spool)) {
            int read;
            while ((read = body.read(buffer)) >= 0) {
                if (cancelled.getAsBoolean()) {
                    return null;
                }
                bandwidth.acquire(read);
                sha256.update(buffer, 0, read);
                out.write(buffer, 0, read);
                size += read;
                received.accept(read);
                if (announced >= 0 && size > announced) {
                    throw new IOException("body longer than its Content-Length " + announced);
                }
            }
        }
        if (announced >= 0 && size != announced) {
            throw new IOException("body cut: " + size + " of " + announced + " bytes");
        }
        String contentType = connection.getContentType();
        if (contentType == null || contentType.isBlank()) {
            contentType = defaultContentType(link.artifactKind());
        }
        return new Download(HexFormat.of().formatHex(sha256.digest()), size, contentType);
    }

    /** Why a link is not fetched at all, or null. */
    private static String refusal(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null) {
            return "not an absolute URL";
        }
        if (scheme.equals("https")) {
            return null;
        }
        if (scheme.equals("http") && isLoopback(uri.getHost())) {
            return null;
        }
        return "refused: " + scheme + " to " + uri.getHost() + " (only https, or http to a loopback host)";
    }

    static boolean isLoopback(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return LOOPBACK_HOSTS.contains(lower) || lower.matches("127(\\.\\d{1,3}){3}");
    }

    /** The exception as a reason, with the link's query string (the signature) cut out wherever it appears. */
    static String redacted(Exception e, ArtifactLink link) {
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        text = text.replace(link.url(), link.forLog());
        int query = link.url().indexOf('?');
        if (query >= 0 && query < link.url().length() - 1) {
            text = text.replace(link.url().substring(query + 1), "[signature removed]");
        }
        return text;
    }

    private static String defaultContentType(ArtifactKind kind) {
        return switch (kind) {
            case VIDEO -> "video/mp4";
            case LAST_FRAME -> "image/png";
            case FILE -> "application/octet-stream";
        };
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
