package io.arktasksync.prices;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.arktasksync.cli.exit.ExitCode;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code assumptions import FILE}: upserts an assumption list into {@code ark.price_assumptions} by account and
 * model, in one transaction. Rows the file does not name stay. A bad line writes nothing and exits 2 with one line.
 */
public class PriceAssumptionImportCommand {

    private final Jdbi jdbi;

    public PriceAssumptionImportCommand(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** @return the exit code */
    public int run(Path file, PrintStream out, PrintStream err) {
        List<PriceAssumption> assumptions;
        try {
            assumptions = PriceAssumptionCsv.parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            err.println("assumptions: cannot read " + file + ": " + e.getMessage());
            return ExitCode.INVALID_CONFIGURATION.code();
        }
        catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return ExitCode.INVALID_CONFIGURATION.code();
        }
        jdbi.useTransaction(handle -> {
            PriceAssumptionDao dao = handle.attach(PriceAssumptionDao.class);
            assumptions.forEach(a -> dao.upsert(a.account(), a.model(), a.withVideoInput(), a.note()));
        });
        out.println("assumptions: " + assumptions.size() + " assumptions imported from " + file
                + " into ark.price_assumptions.");
        return ExitCode.SUCCESS.code();
    }
}
