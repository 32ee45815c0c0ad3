package io.arktasksync.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.arktasksync.ArkTaskSyncApplication;
import io.arktasksync.simulator.ArkSimulator;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the real application (the same entry point as {@code java -jar}) against a simulator and a fresh database,
 * and reads the database back with JDBI. One per test: as a test instance's
 * {@code @RegisterExtension final SyncHarness harness = new SyncHarness();} it is closed after each test (after the
 * test's own {@code @AfterEach} methods), or in a try-with-resources block.
 */
public final class SyncHarness implements AutoCloseable, AfterEachCallback {

    public static final String API_KEY = "test-key-7f3a9c";

    private final TestDatabase database;

    private final ArkSimulator api;

    private final Jdbi jdbi;

    /** Standard error of the last run: where one-line failure reports go. */
    private String lastStandardError = "";

    /** On a database already migrated (see {@link TestDatabase#createMigrated()}), the API under this prefix. */
    public SyncHarness(String pathPrefix) {
        this(TestDatabase.createMigrated(), pathPrefix);
    }

    /** On a database already migrated (see {@link TestDatabase#createMigrated()}). */
    public SyncHarness() {
        this("/api/v3");
    }

    private SyncHarness(TestDatabase database, String pathPrefix) {
        this.database = database;
        this.api = ArkSimulator.start(pathPrefix, API_KEY);
        this.jdbi = database.jdbi();
    }

    /**
     * On an empty database, for tests about migrating or what a first start does: laying out an older release's
     * schema, upgrading it, racing two first runs.
     */
    public static SyncHarness onEmptyDatabase() {
        return new SyncHarness(TestDatabase.create(), "/api/v3");
    }

    public ArkSimulator api() {
        return api;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public TestDatabase database() {
        return database;
    }

    /** Syncs with the simulator's URL and key plus the given {@code --name=value} overrides; returns the exit code. */
    public int sync(String... overrides) {
        List<String> arguments = new ArrayList<>();
        arguments.add("--ark.base-url=" + api.baseUrl());
        arguments.add("--ark.api-key=" + API_KEY);
        arguments.addAll(Arrays.asList(overrides));
        return runWith(arguments.toArray(String[]::new));
    }

    /**
     * Runs the application with these arguments after the database's. A later {@code --name=value} replaces an
     * earlier one for the same name: Spring would join repeated command-line properties with commas.
     */
    public int runWith(String... arguments) {
        Map<String, String> byName = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(Arrays.asList(database.springArguments()));
        all.addAll(Arrays.asList(arguments));
        for (String argument : all) {
            int equals = argument.indexOf('=');
            byName.put(equals > 0 ? argument.substring(0, equals) : argument, argument);
        }
        return runCapturingStandardError(byName.values().toArray(String[]::new));
    }

    /**
     * Runs a command ({@code report}, {@code archive}) against the database with these arguments; the command must
     * come first on the command line.
     */
    public int command(String command, String... arguments) {
        List<String> all = new ArrayList<>();
        all.add(command);
        all.addAll(Arrays.asList(database.springArguments()));
        all.addAll(Arrays.asList(arguments));
        return runCapturingStandardError(all.toArray(String[]::new));
    }

    private int runCapturingStandardError(String[] arguments) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            return ArkTaskSyncApplication.run(arguments);
        }
        finally {
            System.setErr(original);
            lastStandardError = captured.toString(StandardCharsets.UTF_8);
            original.print(lastStandardError);
        }
    }

    public String lastStandardError() {
        return lastStandardError;
    }

    public long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Override
    public void close() {
        api.close();
        database.close();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }
}
