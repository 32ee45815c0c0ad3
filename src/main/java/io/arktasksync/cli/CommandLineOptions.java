package io.arktasksync.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.arktasksync.report.ReportOptions;

/**
 * The command line: a sync by default or the {@code report} command, a few flags of our own, and Spring Boot's
 * {@code --name=value} property overrides passed through untouched.
 *
 * @param command what to do
 * @param demo sync from the built-in simulated API instead of a real one, into the demo's own database; for
 *        {@code report} and {@code db}: the demo's database
 * @param demoTasks how many tasks the demo API starts with ({@code --demo-tasks}, which implies {@code --demo})
 * @param help print usage and exit
 * @param reportArguments the report's own options as given, checked by {@link ReportOptions#parse}; for
 *        {@code prices}: {@code import} and the file
 * @param springArguments arguments for Spring Boot, e.g. {@code --ark.page-size=100}
 */
public record CommandLineOptions(Command command, boolean demo, int demoTasks, boolean help, List<String> reportArguments,
        List<String> springArguments) {

    public enum Command {
        /** Sync every task from the API into the database (the default). */
        SYNC,
        /** Print token usage from the database only. */
        REPORT,
        /** Run the embedded PostgreSQL until Enter or Ctrl-C, to open it with psql. */
        DB,
        /** Archive the outputs of the stored tasks (ARK_ARCHIVE_URL) without listing the API. */
        ARCHIVE,
        /** Maintain ark.model_prices ({@code prices import FILE}). */
        PRICES,
        /** Maintain ark.budgets ({@code budgets import FILE}). */
        BUDGETS,
        /** Maintain ark.price_assumptions ({@code assumptions import FILE}). */
        ASSUMPTIONS
    }

    public static final String REPORT = "report";

    public static final String DB = "db";

    public static final String DEMO = "--demo";

    /** Tasks the demo API starts with: enough for several pages in both tiers, small enough to sync in seconds. */
    public static final int DEFAULT_DEMO_TASKS = 3_000;

    private static final int MAX_DEMO_TASKS = 1_000_000;

    public static final String ARCHIVE = "archive";

    public static final String PRICES = "prices";

    public static final String BUDGETS = "budgets";

    public static final String ASSUMPTIONS = "assumptions";

    public static final String USAGE = """
            Usage: java -jar ark-task-sync.jar [--full] [--demo] [--name=value ...]
                   java -jar ark-task-sync.jar report [--demo] [--from DATE] [--to DATE] [--by day|month|account|model|tier|status|user]
                                                      [--cost] [--account NAME] [--format table|csv|json|html|focus-csv]
                                                      [--name=value ...]
                   java -jar ark-task-sync.jar prices import FILE.csv [--name=value ...]
                   java -jar ark-task-sync.jar budgets import FILE.csv [--name=value ...]
                   java -jar ark-task-sync.jar assumptions import FILE.csv [--name=value ...]
                   java -jar ark-task-sync.jar db [--demo] [--name=value ...]
                   java -jar ark-task-sync.jar archive [--name=value ...]
              (no option)     sync every task from ARK_BASE_URL into the configured PostgreSQL database, then exit
              --full          read every page even when an incremental run would do (same as ARK_FULL_SCAN=true)
              --demo          sync from a built-in simulated Ark API on loopback (no API key needed), as account
                              "demo", into the demo's own embedded database (ARK_DATA_DIR/demo; delete it to
                              start the demo over); with report or db: that database
              --demo-tasks N  how many tasks the demo API starts with (default 3000)
              --name=value    any setting, e.g. --ark.page-size=100 or --spring.datasource.url=jdbc:postgresql://...
              --help          this text
              prices import F upsert the price list F (csv) into ark.model_prices; see src/docs/reporting.md
              budgets import F upsert the budget list F (csv) into ark.budgets; see src/docs/reporting.md
              assumptions import F  upsert what prices assume of an account's or model's tasks (csv) into
                              ark.price_assumptions; see src/docs/reporting.md
              report          print the token usage of the tasks in the database (no API call, no API key needed)
                --from DATE   first UTC day of task creation, YYYY-MM-DD (default: 29 days before --to)
                --to DATE     last UTC day, included (default: today)
                --by WHAT     one row per day (default), month, account, model, tier, status or user (end
                              user, safety_identifier); combinable: --by month,account
                --cost        add the cost of the tasks, priced by ark.model_prices (unpriced: never zero)
                --budgets     the budgets of ark.budgets in their current day or month (table or csv)
                --account A   only the tasks of account A
                --format F    table (default, with a grand total), csv, json, html (one self-contained page)
                              or focus-csv (the priced tasks in the FOCUS 1.2 columns, ark.focus_costs)
              db              without SPRING_DATASOURCE_URL: run the embedded PostgreSQL (data in ARK_DATA_DIR,
                              default ~/.ark-task-sync) and print the psql command that opens it, until Enter;
                              meanwhile the other commands use this server
              archive         copy the videos, last frames and files of the stored tasks into ARK_ARCHIVE_URL
                              before their links expire, without listing the API (a sync does it too when it is set)
              Failures are one line; LOGGING_LEVEL_IO_ARKTASKSYNC=debug adds the stack trace.
            Exit codes: 0 success, 1 sync failed, 2 invalid configuration, 3 API authentication failed,
                        4 database unavailable, 5 another run holds the lock, 6 too many rejected items,
                        8 a listing could not be reconciled (only with ARK_FAIL_WHEN_UNRECONCILED=true),
                        143 stopped by SIGTERM (recorded as STOPPED; the next run resumes it)""";

    public static CommandLineOptions parse(String... args) {
        if (args.length > 0 && REPORT.equals(args[0])) {
            return parseReport(Arrays.asList(args).subList(1, args.length));
        }
        if (args.length > 0 && DB.equals(args[0])) {
            return parseSettingsOnly(Command.DB, DB, Arrays.asList(args).subList(1, args.length));
        }
        if (args.length > 0 && ARCHIVE.equals(args[0])) {
            return parseSettingsOnly(Command.ARCHIVE, ARCHIVE, Arrays.asList(args).subList(1, args.length));
        }
        if (args.length > 0 && PRICES.equals(args[0])) {
            return parseImport(Command.PRICES, PRICES, Arrays.asList(args).subList(1, args.length));
        }
        if (args.length > 0 && BUDGETS.equals(args[0])) {
            return parseImport(Command.BUDGETS, BUDGETS, Arrays.asList(args).subList(1, args.length));
        }
        if (args.length > 0 && ASSUMPTIONS.equals(args[0])) {
            return parseImport(Command.ASSUMPTIONS, ASSUMPTIONS, Arrays.asList(args).subList(1, args.length));
        }
        boolean demo = false;
        int demoTasks = DEFAULT_DEMO_TASKS;
        boolean help = false;
        List<String> spring = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--demo-tasks") || arg.startsWith("--demo-tasks=")) {
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1)
                        : i + 1 < args.length ? args[++i] : "";
                demoTasks = demoTasks(value);
                demo = true;
                continue;
            }
            switch (arg) {
                case DEMO -> demo = true;
                // a flag of its own because "force a full scan" is what an operator types by hand after trouble
                case "--full" -> spring.add("--ark.full-scan=true");
                case "--help", "-h" -> help = true;
                default -> {
                    if (isSpringArgument(arg)) {
                        spring.add(arg);
                    }
                    else {
                        throw new IllegalArgumentException("Unknown argument '" + arg + "'. " + USAGE);
                    }
                }
            }
        }
        return new CommandLineOptions(Command.SYNC, demo, demoTasks, help, List.of(), List.copyOf(spring));
    }

    private static int demoTasks(String value) {
        try {
            int tasks = Integer.parseInt(value.strip());
            if (tasks >= 1 && tasks <= MAX_DEMO_TASKS) {
                return tasks;
            }
        }
        catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--demo-tasks must be a number from 1 to " + MAX_DEMO_TASKS + ", got '"
                + value + "'");
    }

    /**
     * The report's options ({@code --by model} or {@code --by=model}) go to {@link ReportOptions}, other
     * {@code --name=value} to Spring. Errors are one line: the report is often run from scripts.
     */
    private static CommandLineOptions parseReport(List<String> args) {
        boolean help = false;
        boolean demo = false;
        List<String> report = new ArrayList<>();
        List<String> spring = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            }
            else if (arg.equals(DEMO)) {
                demo = true;
            }
            else if (ReportOptions.OPTIONS.contains(name)) {
                report.add(arg);
                // "--by model": the value is the next argument, unless that is an option ("--by" without value)
                if (equals < 0 && !ReportOptions.FLAGS.contains(name) && i + 1 < args.size()
                        && !args.get(i + 1).startsWith("--")) {
                    report.add(args.get(++i));
                }
            }
            else if (isSpringArgument(arg)) {
                spring.add(arg);
            }
            else {
                throw new IllegalArgumentException("report: unknown option '" + arg + "'; usage: "
                        + ReportOptions.SYNOPSIS);
            }
        }
        return new CommandLineOptions(Command.REPORT, demo, DEFAULT_DEMO_TASKS, help, List.copyOf(report),
                List.copyOf(spring));
    }

    /**
     * {@code db} and {@code archive} take settings only (e.g. {@code --ark.archive.concurrency=8}); {@code db} also
     * {@code --demo}, for the demo's database.
     */
    private static CommandLineOptions parseSettingsOnly(Command command, String name, List<String> args) {
        boolean help = false;
        boolean demo = false;
        List<String> spring = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            }
            else if (arg.equals(DEMO) && command == Command.DB) {
                demo = true;
            }
            else if (isSpringArgument(arg)) {
                spring.add(arg);
            }
            else {
                throw new IllegalArgumentException(name + ": unknown option '" + arg + "'; usage: java -jar "
                        + "ark-task-sync.jar " + name + " [--name=value ...]");
            }
        }
        return new CommandLineOptions(command, demo, DEFAULT_DEMO_TASKS, help, List.of(), List.copyOf(spring));
    }

    /**
     * {@code prices import FILE}, {@code budgets import FILE} and {@code assumptions import FILE}: the file goes in {@code reportArguments}, other
     * {@code --name=value} to Spring.
     */
    private static CommandLineOptions parseImport(Command command, String name, List<String> args) {
        List<String> own = new ArrayList<>();
        List<String> spring = new ArrayList<>();
        boolean help = false;
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            }
            else if (isSpringArgument(arg)) {
                spring.add(arg);
            }
            else {
                own.add(arg);
            }
        }
        if (!help && (own.size() != 2 || !own.get(0).equals("import") || own.get(1).startsWith("--"))) {
            throw new IllegalArgumentException(name + ": expected 'import FILE.csv', got '" + String.join(" ", own)
                    + "'; usage: " + name + " import FILE.csv [--name=value ...]");
        }
        return new CommandLineOptions(command, false, DEFAULT_DEMO_TASKS, help, List.copyOf(own), List.copyOf(spring));
    }

    private static boolean isSpringArgument(String arg) {
        return arg.startsWith("--") && arg.indexOf('=') > 2;
    }
}
