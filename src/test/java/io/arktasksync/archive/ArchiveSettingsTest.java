package io.arktasksync.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.arktasksync.config.SettingsBinding;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class ArchiveSettingsTest {

    private static ArchiveProperties properties(String url, int concurrency) {
        return new ArchiveProperties(url, concurrency, DataSize.ofBytes(0), 4, 5, Duration.ofSeconds(30),
                Duration.ofSeconds(10), Duration.ofMinutes(10), DataSize.ofGigabytes(2), null, false);
    }

    /** The problems the application's settings check finds with these archive settings. */
    private static List<String> problems(String url, int concurrency) {
        Map<String, Object> values = new HashMap<>();
        if (url != null) {
            values.put("ark.archive.url", url);
        }
        values.put("ark.archive.concurrency", concurrency);
        SettingsBinding binding = SettingsBinding.of(values);
        ArchiveSettings.check(false).check(binding);
        return binding.problems();
    }

    @Test
    void unsetMeansNoArchiveAndNoProblem() {
        assertThat(properties(null, 0).enabled()).isFalse();
        assertThat(properties("  ", 0).enabled()).isFalse();
        assertThat(problems(null, 0)).isEmpty();
    }

    @Test
    void fileAndS3UrlsAreParsed() {
        assertThat(ArchiveSettings.ArchiveLocation.parse("file:///var/lib/ark-archive").directory())
            .isEqualTo(Path.of("/var/lib/ark-archive"));
        ArchiveSettings.ArchiveLocation s3 = ArchiveSettings.ArchiveLocation.parse("s3://bucket/a/b/");
        assertThat(s3.bucket()).isEqualTo("bucket");
        assertThat(s3.prefix()).isEqualTo("a/b");
        assertThat(ArchiveSettings.ArchiveLocation.parse("s3://bucket").prefix()).isEmpty();
    }

    @Test
    void badSettingsAreNamedOnePerLine() {
        assertThat(problems("ftp://host/x", 4))
            .containsExactly("ARK_ARCHIVE_URL (ark.archive.url) must start with file:/// or s3://, got 'ftp://host/x'");
        assertThat(problems("file:relative", 4)).hasSize(1);
        assertThat(problems("s3://key:secret@bucket/x", 4).get(0))
            .startsWith("ARK_ARCHIVE_URL (ark.archive.url) must not contain a query, fragment or credentials");
        assertThat(problems("s3://bucket", 0))
            .containsExactly("ARK_ARCHIVE_CONCURRENCY (ark.archive.concurrency) must be between 1 and 64, got 0");
    }
}
