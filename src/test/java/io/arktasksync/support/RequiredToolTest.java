package io.arktasksync.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class RequiredToolTest {

    private static final String NOWHERE = "ark-task-sync-no-such-tool";

    @Test
    void shouldFailInCiWhenTheToolIsMissing() {
        assertThatThrownBy(() -> RequiredTool.find(NOWHERE, "some-package", true))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("apt-get install some-package");
    }

    @Test
    void shouldSkipSayingHowToInstallItOutsideCi() {
        assertThatThrownBy(() -> RequiredTool.find(NOWHERE, "some-package", false))
            .isInstanceOf(TestAbortedException.class)
            .hasMessageContaining("apt-get install some-package")
            .hasMessageContaining("CI=true");
    }

    @Test
    void shouldFindAToolOnThePath() {
        assertThat(RequiredTool.find("sh", "dash", true)).endsWith("/sh");
    }
}
