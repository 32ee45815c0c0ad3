package io.arktasksync.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class DataHomeTest {

    @Test
    void shouldTakeArkDataDirFirst() {
        assertThat(DataHome.resolve(Optional.of(Path.of("/data/ark")), Map.of("HOME", "/home/me", "XDG_DATA_HOME",
                "/home/me/.local/share"), "/root")).isEqualTo(Path.of("/data/ark"));
    }

    @Test
    void shouldTakeXdgDataHomeThenHomeBeforeTheJvmsUserHome() {
        assertThat(DataHome.resolve(Optional.empty(), Map.of("HOME", "/home/me", "XDG_DATA_HOME", "/xdg"), "/root"))
            .isEqualTo(Path.of("/xdg/ark-task-sync"));
        assertThat(DataHome.resolve(Optional.empty(), Map.of("HOME", "/home/me"), "/root"))
            .isEqualTo(Path.of("/home/me/.ark-task-sync"));
        assertThat(DataHome.resolve(Optional.empty(), Map.of(), "/root")).isEqualTo(Path.of("/root/.ark-task-sync"));
    }

    @Test
    void shouldSaySoInsteadOfUsingAQuestionMarkWhenThereIsNoHome() {
        // Java 17 makes user.home "?" for a UID without a passwd entry (a container's)
        assertThatThrownBy(() -> DataHome.resolve(Optional.empty(), Map.of("HOME", ""), "?"))
            .isInstanceOf(EmbeddedDatabaseException.class)
            .hasMessageContaining("set ARK_DATA_DIR")
            .hasMessageNotContaining("\n");
    }
}
