package io.arktasksync.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class ArtifactLinkTest {

    private static final OffsetDateTime CREATED = OffsetDateTime.parse("2026-11-25T23:30:00+08:00");

    private static ArtifactLink link(String account, String taskId, String kind, String url) {
        return new ArtifactLink(taskId, kind, account, url, CREATED, CREATED.plusMinutes(5), 0);
    }

    @Test
    void objectNamesAreAccountUtcDayTaskAndKindWithTheExtensionOfTheContentType() {
        assertThat(link("prod", "cgt-20261125153000-ab12c", "video",
                "https://host/cgt-20261125153000-ab12c.mp4?X-Tos-Signature=abc").objectName("video/mp4"))
            .isEqualTo("prod/2026/11/25/cgt-20261125153000-ab12c/video.mp4");
        assertThat(link("prod", "cgt-1", "last_frame", "https://host/cgt-1-last-frame.PNG?x=1").objectName("image/jpeg"))
            .isEqualTo("prod/2026/11/25/cgt-1/last_frame.jpg");
        assertThat(link("prod", "cgt-1", "file", "https://host/model?x=1").objectName("application/octet-stream"))
            .isEqualTo("prod/2026/11/25/cgt-1/file.bin");
        assertThat(link("prod", "cgt-1", "file", "https://host/out/scene.glb").objectName("model/gltf-binary"))
            .isEqualTo("prod/2026/11/25/cgt-1/file.glb");
    }

    @Test
    void theLinksPathNeverNamesTheExtension() {
        ArtifactLink link = link("prod", "cgt-1", "video", "https://host/cgt-1.exe?x=1");
        String type = ArtifactKind.VIDEO.contentType("application/x-msdownload");

        assertThat(link.objectName(type)).isEqualTo("prod/2026/11/25/cgt-1/video.mp4");
        assertThat(ArtifactKind.VIDEO.contentType("video/mp4\u0000evil")).isEqualTo("video/mp4");
        assertThat(ArtifactKind.LAST_FRAME.contentType(null)).isEqualTo("image/png");
        assertThat(ArtifactKind.LAST_FRAME.contentType("video/mp4")).as("another kind's type").isEqualTo("image/png");
    }

    @Test
    void aHostileIdOrAccountCannotLeaveItsFolder() {
        assertThat(link("../..", "../../etc/passwd", "video", "https://host/a.mp4").objectName("video/mp4"))
            .isEqualTo("%2E.%2F../2026/11/25/%2E.%2F..%2Fetc%2Fpasswd/video.mp4");
        assertThat(link("a/b", "..", "video", "https://host/a.mp4").objectName("video/mp4"))
            .isEqualTo("a%2Fb/2026/11/25/%2E./video.mp4");
    }

    @Test
    void twoIdsNeverShareAName() {
        List<String> ids = List.of("cgt-twin:1", "cgt-twin_1", "cgt-twin%3A1", "cgt-twin%253A1", "a/b", "a_b", "a%2Fb",
                ".", "%2E", "", "%", "é", "%C3%A9", "cgt-1");
        Set<String> names = ids.stream().map(ArtifactLink::pathSegment).collect(Collectors.toSet());

        assertThat(names).hasSameSizeAs(ids);
        assertThat(ArtifactLink.pathSegment("cgt-20261125153000-ab12c")).isEqualTo("cgt-20261125153000-ab12c");
        assertThat(ArtifactLink.pathSegment("prod_cn.v2")).isEqualTo("prod_cn.v2");
    }

    @Test
    void theLogFormDropsTheSignedQueryString() {
        assertThat(ArtifactLink.forLog("https://host/a.mp4?X-Tos-Signature=secret&X-Tos-Date=1"))
            .isEqualTo("https://host/a.mp4");
        assertThat(ArtifactLink.forLog("https://host/a.mp4#frag")).isEqualTo("https://host/a.mp4");
        assertThat(ArtifactLink.forLog("https://host/a.mp4")).isEqualTo("https://host/a.mp4");
    }
}
