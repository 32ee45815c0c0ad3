package io.arktasksync.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The pure parts of an archive pass: when a failed link is tried again, and a reason as the database takes it. */
class ArchiveRunTest {

    @Test
    void aFailedLinkWaitsLongerAfterEachFailedRunUpToSixHours() {
        assertThat(ArchiveRun.nextTry(1)).isEqualTo(Duration.ofMinutes(10));
        assertThat(ArchiveRun.nextTry(2)).isEqualTo(Duration.ofMinutes(20));
        assertThat(ArchiveRun.nextTry(4)).isEqualTo(Duration.ofMinutes(80));
        assertThat(ArchiveRun.nextTry(6)).isEqualTo(Duration.ofMinutes(320));
        assertThat(ArchiveRun.nextTry(7)).isEqualTo(Duration.ofHours(6));
        assertThat(ArchiveRun.nextTry(1000)).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void aReasonLosesWhatPostgresqlRefusesAndIsBounded() {
        assertThat(ArchiveRun.printable("bad\u0000header\r\nvalue")).isEqualTo("bad header  value");
        assertThat(ArchiveRun.printable("x".repeat(10_000))).hasSize(500).endsWith("...");
        assertThat(ArchiveRun.printable(null)).isEmpty();
    }
}
