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
 * Debian's {@code chromium}, headless, offline and with a fresh profile per run: what a person's browser does with
 * a page, without a window. Missing, it fails the test saying how to install it: browser tests never skip.
 */
public final class HeadlessChromium {

    /** The binary, unless {@code ARK_TEST_CHROMIUM} names another. */
    private static final String DEFAULT_BINARY = "chromium";

    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            // console messages go to standard error, one "CONSOLE" line each
            "--enable-logging=stderr", "--v=0");

    private HeadlessChromium() {
    }

    /**
     * What the browser made of a page: the DOM after load, and every console message the page produced.
     */
    public record Visit(String dom, List<String> consoleMessages) {
    }

    /** Opens the page, prints its DOM, and collects its console messages. */
    public static Visit dumpDom(Path page) throws IOException, InterruptedException {
        Run run = run(List.of("--dump-dom", page.toUri().toString()));
        return new Visit(run.out(), run.console());
    }

    /** Opens the page and writes a PNG of it. */
    public static Visit screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.deleteIfExists(png);
        Run run = run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars", page.toUri().toString()));
        if (!Files.isRegularFile(png)) {
            throw new AssertionError("chromium wrote no screenshot at " + png + "; its output: " + run.err());
        }
        return new Visit(run.out(), run.console());
    }

    private record Run(String out, String err, List<String> console) {
    }

    private static Run run(List<String> arguments) throws IOException, InterruptedException {
        String binary = binary();
        Path profile = Files.createTempDirectory("ark-chromium-profile");
        Path out = Files.createTempFile("ark-chromium", ".out");
        Path err = Files.createTempFile("ark-chromium", ".err");
        try {
            List<String> command = new ArrayList<>(List.of(binary));
            command.addAll(FLAGS);
            command.add("--user-data-dir=" + profile);
            command.addAll(arguments);
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("chromium did not finish within 120 s: " + command);
            }
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError("chromium exited with " + process.exitValue() + ": " + stderr);
            }
            List<String> console = stderr.lines().filter(line -> line.contains(":CONSOLE")).toList();
            return new Run(Files.readString(out, StandardCharsets.UTF_8), stderr, console);
        }
        finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            deleteRecursively(profile.toFile());
        }
    }

    private static String binary() {
        String configured = System.getenv("ARK_TEST_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            if (!Files.isExecutable(Path.of(configured))) {
                throw new AssertionError("ARK_TEST_CHROMIUM=" + configured + " is not an executable file");
            }
            return configured;
        }
        return RequiredTool.find(DEFAULT_BINARY, "chromium");
    }

    private static void deleteRecursively(File file) {
        File[] children = file.listFiles();
        if (children != null) {
            for (File child : children) {
                deleteRecursively(child);
            }
        }
        file.delete();
    }
}
