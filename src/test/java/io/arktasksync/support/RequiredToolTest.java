package io.arktasksync.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RequiredToolTest {

    private static final String NOWHERE = "ark-task-sync-no-such-tool";

    @Test
    void shouldFailSayingHowToInstallItWhenTheToolIsMissing() {
        assertThatThrownBy(() -> RequiredTool.find(NOWHERE, "some-package"))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("apt-get install some-package")
            .hasMessageContaining("-Preal-tools");
    }

    @Test
    void shouldFindAToolOnThePath() {
        assertThat(RequiredTool.find("sh", "dash")).endsWith("/sh");
    }
}
