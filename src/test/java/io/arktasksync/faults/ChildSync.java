package io.arktasksync.faults;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The application in a JVM of its own, started the way the benchmark starts it ({@code java -cp <classes and
 * dependencies> io.arktasksync.ArkTaskSyncApplication}), so that a test can kill it, send it SIGTERM, or run two at
 * once. The classpath is this JVM's (the application's classes and its dependencies; no jar needed).
 * <p>
 * Standard output and error go to a file rather than a pipe: {@link Process#destroy()} closes the parent's end of
 * the pipes at once, which would lose everything the child logs while it stops. Closing kills the process if it is
 * still alive and deletes the file.
 */
final class ChildSync implements AutoCloseable {

    private static final String MAIN_CLASS = "io.arktasksync.ArkTaskSyncApplication";

    private final Process process;

    private final Path outputFile;

    private final long startedNanos = System.nanoTime();

    private volatile long exitedNanos;

    /** Completes once the exit time is recorded. */
    private final CompletableFuture<Void> exited;

    private ChildSync(Process process, Path outputFile) {
        this.process = process;
        this.outputFile = outputFile;
        this.exited = process.onExit().thenRun(() -> exitedNanos = System.nanoTime());
    }

    /**
     * @param arguments the application's arguments
     * @param environment added to the child's environment, after every {@code ARK_*} and {@code SPRING_*} variable
     *        of this JVM was removed so that none leaks into the child
     */
    static ChildSync start(List<String> arguments, Map<String, String> environment) {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        // Start-up speed over peak speed: these runs are short.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN_CLASS);
        command.addAll(arguments);
        try {
            Path output = Files.createTempFile("child-sync-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("ARK_") || name.startsWith("SPRING_"));
            builder.environment().putAll(environment);
            return new ChildSync(builder.start(), output);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot start a child JVM", e);
        }
    }

    Process process() {
        return process;
    }

    /** Standard output and error so far, interleaved as the child wrote them. */
    String output() {
        try {
            return Files.readString(outputFile, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the child to exit and returns its status; kills it and fails when it does not exit in time. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the child JVM did not exit within " + timeout + "; its output:\n" + output());
            }
            exited.join();
            return process.exitValue();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How long the child ran, from its start to its exit; only after {@link #awaitExit}. */
    Duration exitedAfter() {
        if (exitedNanos == 0) {
            throw new IllegalStateException("the child has not exited (yet)");
        }
        return Duration.ofNanos(exitedNanos - startedNanos);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(outputFile);
        }
        catch (IOException e) {
            // a temp file; the OS cleans up
        }
    }
}
