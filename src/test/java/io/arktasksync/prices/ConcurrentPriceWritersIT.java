package io.arktasksync.prices;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import io.arktasksync.support.CapturedRun;
import io.arktasksync.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two writers of {@code ark.model_prices} that commit at the same moment must not both commit overlapping periods
 * of a model and tier (a task would be priced twice). The moment is made deterministic: a test-only deferred trigger,
 * which fires after the overlap check, holds the first writer's commit on a lock the test holds, while the second
 * writer commits.
 */
class ConcurrentPriceWritersIT {

    private static final long HELD = 4242;

    @TempDir
    Path dir;

    private TestDatabase database;

    @BeforeEach
    void setUp() throws IOException {
        database = TestDatabase.create();
        Path prices = dir.resolve("prices.csv");
        Files.writeString(prices, "model,service_tier,currency,price_per_million_tokens,valid_from,valid_to\n"
                + "other,default,USD,1,2026-01-01,\n");
        // the schema, as a user's first import makes it
        assertThat(CapturedRun.of(Stream.concat(Stream.of("prices", "import", prices.toString()),
                Arrays.stream(database.springArguments())).toArray(String[]::new)).exitCode()).isZero();
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void shouldRefuseTheSecondOfTwoOverlappingPeriodsCommittedAtTheSameMoment() throws Exception {
        try (Connection holder = database.connect(); Connection first = database.connect();
                Connection second = database.connect()) {
            // given: commits of rows of model 'held' wait, after their overlap check, for a lock the test holds
            execute(holder, """
                    CREATE FUNCTION public.hold_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF NEW.model = 'held' THEN PERFORM pg_advisory_xact_lock(%d); END IF;
                        RETURN NULL;
                    END $$;
                    CREATE CONSTRAINT TRIGGER zz_hold_commit AFTER INSERT ON ark.model_prices
                        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.hold_commit();
                    SELECT pg_advisory_lock(%d);""".formatted(HELD, HELD));

            // when: the first writer's commit is held after its check; the second writes an overlapping period
            first.setAutoCommit(false);
            execute(first, """
                    INSERT INTO ark.model_prices VALUES ('m', 'default', 'USD', 2.50, '2026-01-01', NULL);
                    INSERT INTO ark.model_prices VALUES ('held', 'default', 'USD', 1, '2026-01-01', NULL)""");
            CompletableFuture<Void> firstCommit = CompletableFuture.runAsync(() -> commit(first));
            awaitWaitingForTheHeldLock(holder);
            second.setAutoCommit(false);
            execute(second, "INSERT INTO ark.model_prices VALUES ('m', 'default', 'USD', 2.00, '2026-03-01', NULL)");
            CompletableFuture<Void> secondCommit = CompletableFuture.runAsync(() -> commit(second));
            Throwable secondOutcome = outcomeWithin(secondCommit, Duration.ofSeconds(2));
            execute(holder, "SELECT pg_advisory_unlock(" + HELD + ")");
            firstCommit.get(30, TimeUnit.SECONDS);
            if (secondOutcome instanceof TimeoutException) {
                // it waited for the first to commit, as it must: now it can tell
                secondOutcome = outcomeWithin(secondCommit, Duration.ofSeconds(30));
            }

            // then: the first committed, the second was refused, one period of m
            assertThat(secondOutcome).isNotNull().hasMessageContaining("overlaps another period");
            assertThat(count(holder, "SELECT count(*) FROM ark.model_prices WHERE model = 'm'")).isOne();
        }
    }

    /** null when the commit succeeded, its failure, or a TimeoutException while it is still waiting. */
    private static Throwable outcomeWithin(CompletableFuture<Void> commit, Duration timeout) throws Exception {
        try {
            commit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        }
        catch (ExecutionException e) {
            return e.getCause();
        }
        catch (TimeoutException e) {
            return e;
        }
    }

    private static void awaitWaitingForTheHeldLock(Connection holder) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (count(holder, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = "
                + HELD) == 0) {
            assertThat(System.nanoTime()).as("the first commit never reached the held lock").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void commit(Connection connection) {
        try {
            connection.commit();
        }
        catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
