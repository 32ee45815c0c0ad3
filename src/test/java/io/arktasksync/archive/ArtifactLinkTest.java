package io.arktasksync.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

class ArtifactLinkTest {

    private static final OffsetDateTime CREATED = OffsetDateTime.parse("2026-11-25T23:30:00+08:00");

    private static ArtifactLink link(String account, String taskId, String kind, String url) {
        return new ArtifactLink(taskId, kind, account, url, CREATED, CREATED.plusMinutes(5), 0);
    }

    @Test
    void objectNamesAreAccountUtcDayTaskAndKindWithTheLinksExtension() {
        assertThat(link("prod", "cgt-20261125153000-ab12c", "video",
                "https://host/cgt-20261125153000-ab12c.mp4?X-Tos-Signature=abc").objectName())
            .isEqualTo("prod/2026/11/25/cgt-20261125153000-ab12c/video.mp4");
        assertThat(link("prod", "cgt-1", "last_frame", "https://host/cgt-1-last-frame.PNG?x=1").objectName())
            .isEqualTo("prod/2026/11/25/cgt-1/last_frame.png");
        assertThat(link("prod", "cgt-1", "file", "https://host/model?x=1").objectName())
            .isEqualTo("prod/2026/11/25/cgt-1/file.bin");
        assertThat(link("prod", "cgt-1", "file", "https://host/out/scene.glb").objectName())
            .isEqualTo("prod/2026/11/25/cgt-1/file.glb");
    }

    @Test
    void aHostileIdOrAccountCannotLeaveItsFolder() {
        assertThat(link("../..", "../../etc/passwd", "video", "https://host/a.mp4").objectName())
            .isEqualTo(".._../2026/11/25/.._.._etc_passwd/video.mp4");
        assertThat(link("a/b", "..", "video", "https://host/a.mp4").objectName())
            .isEqualTo("a_b/2026/11/25/_../video.mp4");
    }

    @Test
    void theLogFormDropsTheSignedQueryString() {
        assertThat(ArtifactLink.forLog("https://host/a.mp4?X-Tos-Signature=secret&X-Tos-Date=1"))
            .isEqualTo("https://host/a.mp4");
        assertThat(ArtifactLink.forLog("https://host/a.mp4#frag")).isEqualTo("https://host/a.mp4");
        assertThat(ArtifactLink.forLog("https://host/a.mp4")).isEqualTo("https://host/a.mp4");
    }
}
