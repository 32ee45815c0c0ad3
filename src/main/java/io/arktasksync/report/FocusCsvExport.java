package io.arktasksync.report;

import java.io.PrintStream;
import java.util.stream.Stream;

import org.jdbi.v3.core.Jdbi;

/**
 * {@code report --format focus-csv}: {@code ark.focus_costs} of a period as csv, a header of the view's FOCUS column
 * names, then one line per priced task, written as it is read (a month of tasks does not fit in memory as one text).
 */
public class FocusCsvExport {

    private final Jdbi jdbi;

    public FocusCsvExport(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** @return how many rows were written */
    long write(ReportOptions options, PrintStream out) {
        return jdbi.inTransaction(handle -> {
            FocusDao dao = handle.attach(FocusDao.class);
            out.print(String.join(",", dao.columns()));
            out.print('\n');
            long[] rows = { 0 };
            try (Stream<String> lines = dao.lines(options.from(), options.to(), options.account(),
                    ReportOptions.DEMO_ACCOUNT)) {
                lines.forEach(line -> {
                    out.print(line);
                    out.print('\n');
                    rows[0]++;
                });
            }
            out.flush();
            return rows[0];
        });
    }
}
