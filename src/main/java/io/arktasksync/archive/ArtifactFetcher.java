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
import java.util.concurrent.atomic.AtomicLong;
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
 * retried with exponential backoff, up to {@code maxAttempts}, all within {@code maxDownloadTime} (a deadline that a
 * host sending a byte now and then cannot push back, {@link DownloadDeadline}). A body larger than {@code maxSize} is
 * not kept. The signed query string is a credential: no reason or exception text built here contains it.
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

    private final Duration maxDownloadTime;

    private final long maxSize;

    private final Bandwidth bandwidth;

    private final Sleeper sleeper;

    private final Clock clock;

    /**
     * @param maxDownloadTime the time one link may take in a run, all its attempts and their backoff included
     * @param maxSize a body larger than this is not stored, and the link given up
     */
    ArtifactFetcher(int maxAttempts, Duration connectTimeout, Duration readTimeout, Duration maxDownloadTime,
            long maxSize, Bandwidth bandwidth, Sleeper sleeper, Clock clock) {
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.maxDownloadTime = maxDownloadTime;
        this.maxSize = maxSize;
        this.bandwidth = bandwidth;
        this.sleeper = sleeper;
    }

    FetchOutcome fetch(ArtifactLink link, Path spool, LongConsumer received) throws InterruptedException {
        return fetch(link, spool, received, () -> false);
    }

    /**
     * Any exception other than an {@link IOException} (a JDK refusing a link's port, say) is thrown to the caller,
     * which records it against the link.
     *
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
        // now minus the skew, not the expiry plus it: a signature dated near the end of time must not overflow
        if (expiry != null && !clock.instant().minus(CLOCK_SKEW).isBefore(expiry)) {
            return new FetchOutcome.Expired("signature expired at " + expiry + "; not requested");
        }
        long deadline = System.nanoTime() + maxDownloadTime.toNanos();
        String lastProblem = null;
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (cancelled.getAsBoolean()) {
                return new FetchOutcome.Cancelled();
            }
            if (attempt > 1) {
                if (Duration.ofNanos(deadline - System.nanoTime()).compareTo(backoff) <= 0) {
                    return new FetchOutcome.Failed(lastProblem + " (" + (attempt - 1) + " attempts; no time left for "
                            + "another within " + seconds(maxDownloadTime) + ", ARK_ARCHIVE_MAX_DOWNLOAD_TIME)");
                }
                sleeper.sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
            HttpURLConnection connection = null;
            DownloadDeadline timer = null;
            AtomicLong bytes = new AtomicLong();
            try {
                connection = (HttpURLConnection) uri.toURL().openConnection();
                connection.setInstanceFollowRedirects(false);
                connection.setConnectTimeout((int) connectTimeout.toMillis());
                connection.setReadTimeout((int) readTimeout.toMillis());
                connection.setRequestProperty("Accept-Encoding", "identity");
                timer = new DownloadDeadline(connection, Duration.ofNanos(deadline - System.nanoTime()));
                int status = connection.getResponseCode();
                if (status == 200) {
                    return receive(connection, spool, link, bytes, received, cancelled, deadline);
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
                if (timer != null && timer.passed()) {
                    return tooSlow(bytes.get());
                }
                lastProblem = redacted(e, link);
            }
            finally {
                if (timer != null) {
                    timer.close();
                }
                if (connection != null) {
                    connection.disconnect();
                }
            }
        }
        return new FetchOutcome.Failed(lastProblem + " (" + maxAttempts + " attempts)");
    }

    /** @return the download, cancelled, too slow or too large */
    private FetchOutcome receive(HttpURLConnection connection, Path spool, ArtifactLink link, AtomicLong size,
            LongConsumer received, BooleanSupplier cancelled, long deadline) throws IOException, InterruptedException {
        long announced = connection.getContentLengthLong();
        if (announced > maxSize) {
            return tooLarge("Content-Length " + announced);
        }
        MessageDigest sha256 = sha256();
        byte[] buffer = new byte[BUFFER];
        try (InputStream body = connection.getInputStream(); OutputStream out = Files.newOutputStream(spool)) {
            int read;
            while ((read = body.read(buffer)) >= 0) {
                if (cancelled.getAsBoolean()) {
                    return new FetchOutcome.Cancelled();
                }
                // also checked here, not only by the timer: a read that returns on every byte is cut within a byte
                if (System.nanoTime() - deadline >= 0) {
                    return tooSlow(size.get());
                }
                bandwidth.acquire(read);
                sha256.update(buffer, 0, read);
                out.write(buffer, 0, read);
                size.addAndGet(read);
                received.accept(read);
                if (announced >= 0 && size.get() > announced) {
                    throw new IOException("body longer than its Content-Length " + announced);
                }
                if (size.get() > maxSize) {
                    return tooLarge("more than " + maxSize + " bytes received");
                }
            }
        }
        if (announced >= 0 && size.get() != announced) {
            throw new IOException("body cut: " + size.get() + " of " + announced + " bytes");
        }
        return new FetchOutcome.Fetched(new Download(HexFormat.of().formatHex(sha256.digest()), size.get(),
                link.artifactKind().contentType(connection.getContentType())));
    }

    private FetchOutcome tooSlow(long bytesReceived) {
        return new FetchOutcome.Failed("download did not finish within " + seconds(maxDownloadTime)
                + " (ARK_ARCHIVE_MAX_DOWNLOAD_TIME), " + bytesReceived + " bytes received");
    }

    private FetchOutcome tooLarge(String what) {
        return new FetchOutcome.GivenUp("larger than ARK_ARCHIVE_MAX_SIZE (" + maxSize + " bytes): " + what);
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
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

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
