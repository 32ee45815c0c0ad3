package io.arktasksync.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import io.arktasksync.ArkTaskSyncApplication;

/**
 * One run of the application's entry point with standard output and standard error captured apart, as a shell
 * pipeline sees them.
 *
 * @param exitCode what {@code java -jar} would exit with
 * @param out standard output
 * @param err standard error
 */
public record CapturedRun(int exitCode, String out, String err) {

    public static CapturedRun of(String... arguments) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exitCode;
        try {
            exitCode = ArkTaskSyncApplication.run(arguments);
        }
        finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        CapturedRun run = new CapturedRun(exitCode, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
        // Keep the output in the test's report, where a failure is read.
        originalErr.print(run.err());
        return run;
    }
}
