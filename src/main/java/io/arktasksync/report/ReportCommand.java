package io.arktasksync.report;

import java.io.PrintStream;
import java.util.List;

import io.arktasksync.run.ExitCode;

/**
 * {@code report}: token usage from the database alone. It never calls the API and never touches the sync job,
 * its lock or its tables, so it can run at any time, also while a sync is running.
 */
public class ReportCommand {

    static final String EMPTY_DATABASE = "The database holds no tasks yet: run a sync first "
            + "(java -jar ark-task-sync.jar, or --demo to try it).";

    private final ReportDao dao;

    public ReportCommand(ReportDao dao) {
        this.dao = dao;
    }

    /**
     * Prints the report to {@code out}. When there is nothing to show, a table is replaced by a message; csv and
     * json still print their (empty) document on {@code out}, so that a pipeline keeps working, and the message
     * goes to {@code err}.
     *
     * @return the exit code: success, also when there is nothing to show
     */
    public int run(ReportOptions options, PrintStream out, PrintStream err) {
        List<ReportRow> rows = dao.usage(options.by().column(), options.from(), options.to());
        if (rows.isEmpty()) {
            String message = dao.anyTask() ? "No tasks were created between " + options.from() + " and "
                    + options.to() + " (UTC days)." : EMPTY_DATABASE;
            if (options.format() == ReportFormat.TABLE) {
                out.println(message);
                out.flush();
                return ExitCode.SUCCESS.code();
            }
            err.println(message);
        }
        out.print(ReportFormatter.of(options.format()).format(new Report(options, rows)));
        out.flush();
        return ExitCode.SUCCESS.code();
    }
}
