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
 * A program a test needs from the machine (Debian's promtool, Pushgateway, chromium): found on the PATH, or the test
 * fails saying how to install it. Such tests never skip.
 */
public final class RequiredTool {

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
                + " (apt-get install " + debianPackage + "; .ci/run does).");
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
