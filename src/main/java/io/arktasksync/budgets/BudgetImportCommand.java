package io.arktasksync.budgets;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.arktasksync.cli.exit.ExitCode;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code budgets import FILE}: upserts a budget list into {@code ark.budgets} by name, in one transaction. A bad line
 * writes nothing and exits 2 with one line.
 */
public class BudgetImportCommand {

    private final Jdbi jdbi;

    public BudgetImportCommand(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** @return the exit code */
    public int run(Path file, PrintStream out, PrintStream err) {
        List<Budget> budgets;
        try {
            budgets = BudgetCsv.parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            err.println("budgets: cannot read " + file + ": " + e.getMessage());
            return ExitCode.INVALID_CONFIGURATION.code();
        }
        catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return ExitCode.INVALID_CONFIGURATION.code();
        }
        jdbi.useTransaction(handle -> {
            BudgetDao dao = handle.attach(BudgetDao.class);
            budgets.forEach(b -> dao.upsert(b.name(), b.scope(), b.scopeValue(), b.period(), b.amount(), b.currency()));
        });
        out.println("budgets: " + budgets.size() + " budgets imported from " + file + " into ark.budgets.");
        return ExitCode.SUCCESS.code();
    }
}
