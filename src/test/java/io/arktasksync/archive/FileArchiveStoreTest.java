package io.arktasksync.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder archive never replaces a copy by other bytes. */
class FileArchiveStoreTest {

    private static final String NAME = "default/2026/11/25/cgt-1/video.mp4";

    @TempDir
    Path root;

    private String commit(FileArchiveStore store, String content) throws Exception {
        Path spool = store.newSpoolFile();
        Files.writeString(spool, content);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        String location = store.commit(spool, NAME, new Download(sha256, bytes.length, "video/mp4"));
        assertThat(spool).doesNotExist();
        return location;
    }

    @Test
    void anExistingCopyWithOtherBytesIsKeptAndTheNewOneGoesUnderItsAlternativeName() throws Exception {
        FileArchiveStore store = new FileArchiveStore(root);
        String first = commit(store, "first");

        String second = commit(store, "second");
        String again = commit(store, "first");

        assertThat(Files.readString(Path.of(URI.create(first)))).isEqualTo("first");
        assertThat(second).isNotEqualTo(first).matches(".*/cgt-1/video\\.[0-9a-f]{16}\\.mp4");
        assertThat(Files.readString(Path.of(URI.create(second)))).isEqualTo("second");
        assertThat(Files.readString(Path.of(URI.create(second + ".sha256")))).endsWith("  "
                + Path.of(URI.create(second)).getFileName() + "\n");
        assertThat(again).as("the same bytes again: the existing copy").isEqualTo(first);
        assertThat(Files.readString(Path.of(URI.create(first + ".sha256")))).startsWith(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("first".getBytes())));
    }

    @Test
    void whenBothNamesHoldOtherBytesNothingIsReplaced() throws Exception {
        FileArchiveStore store = new FileArchiveStore(root);
        commit(store, "first");
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("third".getBytes()));
        Path alternative = root.resolve(ArchiveStore.alternativeName(NAME, sha256));
        Files.writeString(alternative, "not the third");
        Path spool = store.newSpoolFile();
        Files.writeString(spool, "third");

        assertThatThrownBy(() -> store.commit(spool, NAME, new Download(sha256, 5, "video/mp4")))
            .hasMessageContaining("neither is replaced");
        assertThat(Files.readString(root.resolve(NAME))).isEqualTo("first");
        assertThat(Files.readString(alternative)).isEqualTo("not the third");
    }
}
