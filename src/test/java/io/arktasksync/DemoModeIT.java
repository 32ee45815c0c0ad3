package io.arktasksync;

import static org.assertj.core.api.Assertions.assertThat;

import io.arktasksync.support.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** {@code --demo}: a newcomer's first run, with no API key, into the configured database. */
class DemoModeIT {

    @Test
    void shouldSyncTheBuiltInSimulatedApiWithoutAnApiKey() {
        try (TestDatabase database = TestDatabase.create()) {
            // given
            String[] arguments = new String[database.springArguments().length + 1];
            System.arraycopy(database.springArguments(), 0, arguments, 0, database.springArguments().length);
            arguments[arguments.length - 1] = "--demo";

            // when
            int exitCode = ArkTaskSyncApplication.run(arguments);

            // then
            assertThat(exitCode).isZero();
            Jdbi jdbi = database.user() == null ? Jdbi.create(database.url())
                    : Jdbi.create(database.url(), database.user(), database.password());
            long tasks = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM ark.tasks").mapTo(Long.class).one());
            long flex = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM ark.tasks WHERE service_tier = 'flex'")
                .mapTo(Long.class).one());
            assertThat(tasks).isEqualTo(ArkTaskSyncApplication.DEMO_TASKS);
            assertThat(flex).isPositive();
        }
    }
}
