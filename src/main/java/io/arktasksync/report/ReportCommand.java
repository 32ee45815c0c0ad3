package io.arktasksync.report;

import java.io.PrintStream;
import java.util.List;

import io.arktasksync.budgets.BudgetDao;
import io.arktasksync.cli.exit.ExitCode;

/**
 * {@code report}: token usage and cost from the database alone. It never calls the API and never touches the sync
 * job, its lock or its tables, so it can run at any time, also while a sync is running.
 */
public class ReportCommand {

    static final String EMPTY_DATABASE = "The database holds no tasks yet: run a sync first "
            + "(java -jar ark-task-sync.jar, or --demo to try it).";

    static final String ONLY_DEMO = "The database holds the demo's tasks only: report --demo shows them.";

    private final ReportDao dao;

    private final FocusCsvExport focus;

    private final BudgetDao budgets;

    public ReportCommand(ReportDao dao, FocusCsvExport focus, BudgetDao budgets) {
        this.dao = dao;
        this.focus = focus;
        this.budgets = budgets;
    }

    /**
     * Prints the report to {@code out}. When there is nothing to show, a table is replaced by a message; csv, json
     * and html still print their (empty) document on {@code out}, so that a pipeline keeps working, and the
     * message goes to {@code err}.
     *
     * @return the exit code: success, also when there is nothing to show
     */
    public int run(ReportOptions options, PrintStream out, PrintStream err) {
        if (options.budgets()) {
            out.print(BudgetTable.format(budgets.status(), options.format()));
            out.flush();
            return ExitCode.SUCCESS.code();
        }
        if (options.format() == ReportFormat.FOCUS_CSV) {
            if (focus.write(options, out) == 0) {
                err.println("No priced task with usage was created between " + options.from() + " and " + options.to()
                        + " (UTC days): the FOCUS export holds its header only.");
            }
            return ExitCode.SUCCESS.code();
        }
        Report report = load(options);
        if (report.rows().isEmpty()) {
            String message = emptyReportMessage(options);
            if (options.format() == ReportFormat.TABLE) {
                out.println(message);
                out.flush();
                return ExitCode.SUCCESS.code();
            }
            err.println(message);
        }
        out.print(ReportFormatter.of(options.format()).format(report));
        out.flush();
        return ExitCode.SUCCESS.code();
    }

    /** Why a report has no row: no task at all, the demo's alone (left out unless asked), or none in the range. */
    private String emptyReportMessage(ReportOptions options) {
        if (!dao.anyTask()) {
            return EMPTY_DATABASE;
        }
        if (options.account() == null && !dao.anyTaskNotOf(ReportOptions.DEMO_ACCOUNT)) {
            return ONLY_DEMO;
        }
        return "No tasks were created between " + options.from() + " and " + options.to() + " (UTC days)"
                + (options.account() == null ? "" : " for account '" + options.account() + "'") + ".";
    }

    /** The report's rows, and for html the overview, read in one go per query. */
    Report load(ReportOptions options) {
        Overview overview = null;
        if (options.format() == ReportFormat.HTML) {
            overview = new Overview(dao.lastSuccessfulSync(options.account(), ReportOptions.DEMO_ACCOUNT),
                    rows(options, List.of(ReportGrouping.DAY, ReportGrouping.MODEL)),
                    rows(options, List.of(ReportGrouping.ACCOUNT)),
                    rows(options, List.of(ReportGrouping.ACCOUNT, ReportGrouping.MODEL)),
                    dao.outcomes(options.from(), options.to(), options.account(), ReportOptions.DEMO_ACCOUNT),
                    Overview.top(rows(options, List.of(ReportGrouping.USER))));
        }
        List<AppliedAssumption> assumptions = options.cost()
                ? dao.assumptions(options.from(), options.to(), options.account(), ReportOptions.DEMO_ACCOUNT) : List.of();
        return Report.of(options, parts(options, options.by()), overview, assumptions);
    }

    private List<ReportRow> rows(ReportOptions options, List<ReportGrouping> by) {
        return Report.of(options, parts(options, by), null).rows();
    }

    private List<ReportPart> parts(ReportOptions options, List<ReportGrouping> by) {
        return dao.parts(ReportPartMapper.keys(by), ReportPartMapper.ordinals(by), options.from(), options.to(),
                options.account(), ReportOptions.DEMO_ACCOUNT);
    }
}
