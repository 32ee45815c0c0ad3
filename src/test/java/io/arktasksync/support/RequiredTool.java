package io.arktasksync.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program a test needs from the machine (Debian's promtool, Pushgateway, chromium): found on the PATH. The tests
 * that need one carry the tag {@link #REAL_TOOLS}: the plain {@code ./mvnw -B verify} leaves them out and says so at
 * its end (pom.xml), so that a machine with only a JDK passes; {@code -Preal-tools} runs them (as {@code .ci/run}
 * does after installing the programs), and there a missing program fails the test saying how to install it. Never
 * skipped in silence.
 */
public final class RequiredTool {

    /** The JUnit tag of the tests that drive a program of the machine's. */
    public static final String REAL_TOOLS = "real-tools";

    private RequiredTool() {
    }

    /** The binary's path. */
    public static String find(String binary, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, binary);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError("'" + binary + "' is not on the PATH: install Debian's " + debianPackage
                + " (apt-get install " + debianPackage + "; .ci/run does), or run without -Preal-tools to leave out "
                + "the tests that need it.");
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
