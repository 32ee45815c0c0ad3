package io.arktasksync.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.arktasksync.simulator.ContentBytes;
import io.arktasksync.simulator.ContentServer;
import io.arktasksync.simulator.SimulatedTask;
import io.arktasksync.simulator.SimulatedTaskGenerator;
import io.arktasksync.simulator.ArkSimulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ArtifactFetcher} against the simulator's storage host on loopback. */
class ArtifactFetcherTest {

    private final ArkSimulator simulator = ArkSimulator.start("/api/v3", "key");

    private final ContentServer content = simulator.content();

    private final List<Duration> waits = new ArrayList<>();

    private final ArtifactFetcher fetcher = new ArtifactFetcher(4, Duration.ofSeconds(2), Duration.ofSeconds(2),
            Duration.ofSeconds(20), 1L << 30, new Bandwidth(0), waits::add, Clock.systemUTC());

    @TempDir
    Path folder;

    @AfterEach
    void stop() {
        simulator.close();
    }

    /**
     * A video link of a generated task that finished within the last 12 h (alive) or more than 25 h ago (dead),
     * moved to the simulator's storage host.
     */
    private ArtifactLink video(boolean alive) {
        long now = Instant.now().getEpochSecond();
        SimulatedTask task = SimulatedTaskGenerator.generate(2000, 7L, Instant.now()).stream()
            .filter(t -> t.videoUrl() != null)
            .filter(t -> alive ? t.updatedAt() > now - 12 * 3600 : t.updatedAt() < now - 25 * 3600)
            .findFirst()
            .map(content::localize)
            .orElseThrow();
        OffsetDateTime at = OffsetDateTime.ofInstant(Instant.ofEpochSecond(task.updatedAt()), ZoneOffset.UTC);
        return new ArtifactLink(task.id(), "video", "default", task.videoUrl(), at, at, 0);
    }

    private Path spool() throws Exception {
        return Files.createTempFile(folder, "spool", ".part");
    }

    @Test
    void streamsTheBodyIntoTheSpoolFileWithItsSha256AndSize() throws Exception {
        ArtifactLink link = video(true);
        String object = ContentServer.objectOf(link.url());
        Path spool = spool();
        AtomicLong received = new AtomicLong();

        FetchOutcome outcome = fetcher.fetch(link, spool, received::addAndGet);

        long size = content.size(object);
        assertThat(outcome).isEqualTo(new FetchOutcome.Fetched(
                new Download(ContentBytes.sha256(object, size), size, "video/mp4")));
        assertThat(Files.size(spool)).isEqualTo(size);
        assertThat(received.get()).isEqualTo(size);
        assertThat(waits).isEmpty();
    }

    @Test
    void aLinkWhoseSignatureRanOutIsExpiredWithoutARequest() throws Exception {
        ArtifactLink link = video(false);

        FetchOutcome outcome = fetcher.fetch(link, spool(), n -> { });

        assertThat(outcome).isInstanceOf(FetchOutcome.Expired.class);
        assertThat(((FetchOutcome.Expired) outcome).reason()).matches("signature expired at \\S+Z; not requested");
        assertThat(content.requestCount()).isZero();
    }

    @Test
    void aLinkTheHostRefusesIsExpiredAfterOneRequest() throws Exception {
        ArtifactLink live = video(true);
        // the same object without a signing date: the host refuses it, and nothing tells it apart beforehand
        ArtifactLink unsigned = new ArtifactLink(live.taskId(), live.kind(), live.account(),
                live.url().substring(0, live.url().indexOf('?')) + "?X-Tos-Signature=abc", live.createdAt(),
                live.finishedAt(), 0);

        FetchOutcome outcome = fetcher.fetch(unsigned, spool(), n -> { });

        assertThat(outcome).isEqualTo(new FetchOutcome.Expired("HTTP 403 from 127.0.0.1"));
        assertThat(content.requestCount()).isEqualTo(1);
    }

    @Test
    void serverErrorsAndCutBodiesAreRetriedWithBackoffUntilTheCopyIsWhole() throws Exception {
        ArtifactLink link = video(true);
        String object = ContentServer.objectOf(link.url());
        content.failNext(1, 503);
        content.cutNext(1);
        content.failNext(1, 500);
        Path spool = spool();

        FetchOutcome outcome = fetcher.fetch(link, spool, n -> { });

        long size = content.size(object);
        assertThat(outcome).isEqualTo(new FetchOutcome.Fetched(
                new Download(ContentBytes.sha256(object, size), size, "video/mp4")));
        assertThat(Files.size(spool)).isEqualTo(size);
        assertThat(content.requestCount()).isEqualTo(4);
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void aBodyCutEveryTimeFailsAfterTheLastAttemptAndNamesNoSignature() throws Exception {
        ArtifactLink link = video(true);
        content.cutNext(4);

        FetchOutcome outcome = fetcher.fetch(link, spool(), n -> { });

        assertThat(outcome).isInstanceOf(FetchOutcome.Failed.class);
        String reason = ((FetchOutcome.Failed) outcome).reason();
        assertThat(reason).contains("4 attempts").doesNotContain("X-Tos-Signature").doesNotContain("?");
        assertThat(content.requestCount()).isEqualTo(4);
    }

    @Test
    void plainHttpToAnotherHostIsNeverRequested() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        ArtifactLink link = new ArtifactLink("cgt-1", "video", "default",
                "http://example.com/cgt-1.mp4?X-Tos-Signature=secret", now, now, 0);

        FetchOutcome outcome = fetcher.fetch(link, spool(), n -> { });

        assertThat(outcome).isEqualTo(new FetchOutcome.Failed(
                "refused: http to example.com (only https, or http to a loopback host)"));
    }

    @Test
    void theBandwidthCapSlowsTheDownload() throws Exception {
        ArtifactLink link = video(true);
        String object = ContentServer.objectOf(link.url());
        content.setSize(object, 300_000);
        ArtifactFetcher capped = new ArtifactFetcher(1, Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(20), 1L << 30, new Bandwidth(100_000), waits::add, Clock.systemUTC());
        long start = System.nanoTime();

        FetchOutcome outcome = capped.fetch(link, spool(), n -> { });

        assertThat(outcome).isInstanceOf(FetchOutcome.Fetched.class);
        // 300 kB at 100 kB/s with one second of burst: at least two seconds
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1900));
    }

    @Test
    void aSignatureDatedInYear9999IsRequestedNotOverflowed() throws Exception {
        ArtifactLink live = video(true);
        // X-Tos-Date + X-Tos-Expires is the last instant Java can represent: adding the clock skew once threw
        ArtifactLink signed9999 = new ArtifactLink(live.taskId(), live.kind(), live.account(),
                ArtifactLink.forLog(live.url()) + "?X-Tos-Date=99991231T235959Z&X-Tos-Expires=31556636462102400",
                live.createdAt(), live.finishedAt(), 0);

        FetchOutcome outcome = fetcher.fetch(signed9999, spool(), n -> { });

        assertThat(outcome).isInstanceOf(FetchOutcome.Fetched.class);
    }

    @Test
    void aDrippingBodyIsCutAtTheDownloadDeadline() throws Exception {
        ArtifactLink link = video(true);
        String object = ContentServer.objectOf(link.url());
        content.setSize(object, 10_000);
        content.drip(object, 100);
        ArtifactFetcher withDeadline = new ArtifactFetcher(4, Duration.ofSeconds(2), Duration.ofSeconds(30),
                Duration.ofMillis(1500), 1L << 30, new Bandwidth(0), waits::add, Clock.systemUTC());
        long start = System.nanoTime();

        FetchOutcome outcome = withDeadline.fetch(link, spool(), n -> { });

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(outcome).isInstanceOf(FetchOutcome.Failed.class);
        assertThat(((FetchOutcome.Failed) outcome).reason()).startsWith("download did not finish within 1500ms");
        assertThat(waits).as("no retry after the deadline").isEmpty();
    }

    @Test
    void aBodyLargerThanTheMaximumSizeIsGivenUpWithoutReadingIt() throws Exception {
        ArtifactLink link = video(true);
        content.setSize(ContentServer.objectOf(link.url()), 3_000_000);
        ArtifactFetcher capped = new ArtifactFetcher(4, Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(20), 1_000_000, new Bandwidth(0), waits::add, Clock.systemUTC());
        Path spool = spool();

        FetchOutcome outcome = capped.fetch(link, spool, n -> { });

        assertThat(outcome).isEqualTo(new FetchOutcome.GivenUp(
                "larger than ARK_ARCHIVE_MAX_SIZE (1000000 bytes): Content-Length 3000000"));
        assertThat(spool).isEmptyFile();
    }

    @Test
    void theContentTypeIsTheHostsOnlyWhenOnTheKindsAllowList() throws Exception {
        ArtifactLink link = video(true);
        String object = ContentServer.objectOf(link.url());
        content.setContentType(object, "text/html; charset=utf-8");
        FetchOutcome html = fetcher.fetch(link, spool(), n -> { });
        content.setContentType(object, "Video/QuickTime; codecs=x");
        FetchOutcome quicktime = fetcher.fetch(link, spool(), n -> { });

        assertThat(((FetchOutcome.Fetched) html).download().contentType()).isEqualTo("video/mp4");
        assertThat(((FetchOutcome.Fetched) quicktime).download().contentType()).isEqualTo("video/quicktime");
    }
}
