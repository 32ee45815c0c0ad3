package io.arktasksync.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.arktasksync.config.AccountSettings;
import io.arktasksync.config.AccountsProperties;
import io.arktasksync.demo.DemoAccountName;
import io.arktasksync.demo.DemoApi;
import io.arktasksync.run.AccountSyncs;
import org.jdbi.v3.core.Jdbi;

/** The default command: syncs every account of the shard ({@link AccountSyncs}), or with {@code --demo} the demo's. */
public final class SyncCli implements CliCommand {

    /** How the archive is set on the command line; the demo replaces it with an empty one. */
    private static final String ARCHIVE_URL_ARGUMENT = "--ark.archive.url=";

    private final ContextLaunch launch;

    public SyncCli(ContextLaunch launch) {
        this.launch = launch;
    }

    @Override
    public int run(CommandLineOptions options) {
        DemoApi demoApi = options.demo() ? DemoApi.start(options.demoTasks()) : null;
        if (demoApi != null && archiveRequested(options)) {
            System.out.println("Demo: archiving (ARK_ARCHIVE_URL) is off: the demo's output links lead to no real "
                    + "storage, and a demo sends nothing beyond loopback");
        }
        try {
            return launch.run(springArguments(options, demoApi), true, false, options.demo(), Map.of(),
                    (context, embedded) -> {
                DemoAccountName.check(context.getBean(AccountSettings.class), context.getBean(AccountsProperties.class),
                        options.demo());
                if (demoApi != null) {
                    demoApi.serveWorldOf(context.getBean(Jdbi.class), System.out);
                }
                return context.getBean(AccountSyncs.class).run().code();
            });
        }
        finally {
            if (demoApi != null) {
                demoApi.close();
            }
        }
    }

    private static String[] springArguments(CommandLineOptions options, DemoApi demoApi) {
        List<String> arguments = new ArrayList<>(options.springArguments());
        if (demoApi != null) {
            // a second --ark.archive.url would be joined to the first, not replace it
            arguments.removeIf(argument -> argument.startsWith(ARCHIVE_URL_ARGUMENT));
            arguments.add("--ark.base-url=" + demoApi.baseUrl());
            arguments.add("--ark.api-key=" + DemoApi.API_KEY);
            // an account of its own, in whatever database: a demo run is never a run of a real account
            arguments.add("--ark.account=" + DemoApi.ACCOUNT);
            arguments.add(ARCHIVE_URL_ARGUMENT);
        }
        return arguments.toArray(String[]::new);
    }

    /** Whether archiving was asked for on the command line or in the environment (what a demo turns off). */
    private static boolean archiveRequested(CommandLineOptions options) {
        String fromEnvironment = System.getenv("ARK_ARCHIVE_URL");
        return fromEnvironment != null && !fromEnvironment.isBlank() || options.springArguments().stream()
            .anyMatch(argument -> argument.startsWith(ARCHIVE_URL_ARGUMENT)
                    && argument.length() > ARCHIVE_URL_ARGUMENT.length());
    }
}
