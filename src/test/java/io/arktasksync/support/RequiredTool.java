package io.arktasksync.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.opentest4j.TestAbortedException;

/**
 * A program a test needs from the machine (Debian's promtool, Pushgateway, chromium): found on the PATH. When it is
 * missing, CI ({@code CI=true}, where {@code .ci/run} installs them) fails the test saying how to install it; anywhere
 * else the test is reported as skipped with that same instruction, so that {@code ./mvnw -B verify} passes on a
 * machine with only a JDK while nothing is skipped where the tools are meant to be.
 */
public final class RequiredTool {

    private RequiredTool() {
    }

    /** The binary's path. */
    public static String find(String binary, String debianPackage) {
        return find(binary, debianPackage, "true".equalsIgnoreCase(System.getenv("CI")));
    }

    static String find(String binary, String debianPackage, boolean ci) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, binary);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        String missing = "'" + binary + "' is not on the PATH: install Debian's " + debianPackage
                + " (apt-get install " + debianPackage + "; .ci/run does)";
        if (ci) {
            throw new AssertionError(missing + ".");
        }
        System.err.println("SKIPPED, " + missing);
        throw new TestAbortedException(missing + "; this test fails instead of skipping when CI=true.");
    }

    /** What a finished run printed, standard error after standard output. */
    public record Result(int exitCode, String output) {
    }

    /** Runs a command to its end (at most two minutes). */
    public static Result run(Path directory, List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("ark-tool", ".out");
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command)).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("did not finish within 120 s: " + command);
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        }
        finally {
            Files.deleteIfExists(output);
        }
    }
}
