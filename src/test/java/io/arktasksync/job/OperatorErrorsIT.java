package io.arktasksync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.arktasksync.simulator.SimulatedTaskGenerator;
import io.arktasksync.support.SyncHarness;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Errors an operator can act on: each ends with a documented exit code and one line that says what to fix. */
class OperatorErrorsIT {

    @RegisterExtension
    final SyncHarness harness = new SyncHarness();

    @BeforeEach
    void setUp() {
        harness.api().putAll(SimulatedTaskGenerator.generate(50, 3L, Instant.parse("2026-11-25T12:00:00Z")));
    }

    @Test
    void shouldExitWithCode2AndNameTheSettingWhenThePageSizeIsOutOfRange() {
        // when
        int exitCode = harness.sync("--ark.page-size=501");

        // then
        assertThat(exitCode).isEqualTo(2);
        assertThat(harness.lastStandardError()).contains("ARK_PAGE_SIZE").contains("between 1 and 500");
        assertThat(harness.api().requestCount()).isZero();
    }

    @Test
    void shouldExitWithCode2WhenTheKeyIsMissing() {
        // when
        int exitCode = harness.runWith("--ark.base-url=" + harness.api().baseUrl());

        // then
        assertThat(exitCode).isEqualTo(2);
        assertThat(harness.lastStandardError()).contains("ARK_API_KEY");
        assertThat(harness.api().requestCount()).isZero();
    }

    @Test
    void shouldExitWithCode2AndNameTheAccountWithItsOwnBaseUrlButNoKeyOfItsOwn() {
        // when: the top-level key is configured, for the top-level base URL only
        int exitCode = harness.sync("--ark.base-url=https://ark.example.com/api/v3",
                "--ark.accounts[0].name=elsewhere", "--ark.accounts[0].base-url=" + harness.api().baseUrl());

        // then
        assertThat(exitCode).isEqualTo(2);
        assertThat(harness.lastStandardError()).contains("ark.accounts[0] (elsewhere)").contains("no api-key")
            .doesNotContain(SyncHarness.API_KEY);
        assertThat(harness.api().requestCount()).as("requests the simulator received").isZero();
    }

    @Test
    void shouldRefusePlainHttpToARemoteHostUnlessAllowed() {
        // when
        int exitCode = harness.sync("--ark.base-url=http://relay.example.com/volc/v1");

        // then
        assertThat(exitCode).isEqualTo(2);
        assertThat(harness.lastStandardError()).contains("ARK_BASE_URL").contains("ARK_ALLOW_INSECURE_HTTP")
            .doesNotContain(SyncHarness.API_KEY);
    }

    @Test
    void shouldExitWithCode2OnAnUnknownArgument() {
        // when
        int exitCode = harness.sync("--frobnicate");

        // then
        assertThat(exitCode).isEqualTo(2);
        assertThat(harness.lastStandardError()).contains("Unknown argument '--frobnicate'");
    }

    @Test
    void shouldExitWithCode4AndNameTheJdbcUrlWithoutPasswordWhenTheDatabaseIsUnreachable() {
        // when: port 1 on loopback refuses connections
        int exitCode = harness.sync("--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/ark?password=s3cret-pw",
                "--spring.datasource.password=s3cret-pw");

        // then
        assertThat(exitCode).isEqualTo(4);
        assertThat(harness.lastStandardError()).contains("Database unavailable at jdbc:postgresql://127.0.0.1:1/ark")
            .doesNotContain("s3cret-pw");
        assertThat(harness.api().requestCount()).isZero();
    }

    @Test
    void shouldExitWithCode5AndTouchNothingWhileAnotherRunHoldsTheLock() {
        try (Handle otherRun = harness.jdbi().open()) {
            // given: the schema exists and another session holds the run lock
            assertThat(harness.sync()).isZero();
            harness.api().resetRequests();
            otherRun.createQuery("SELECT pg_advisory_lock(" + 0x41524B53594E43L + ")").mapTo(String.class).one();

            // when
            int exitCode = harness.sync();

            // then
            assertThat(exitCode).isEqualTo(5);
            assertThat(harness.api().requestCount()).isZero();
            assertThat(harness.count("SELECT count(*) FROM ark.sync_runs")).isEqualTo(1);
        }
        // and once it is released, runs go ahead again
        assertThat(harness.sync()).isZero();
    }
}
