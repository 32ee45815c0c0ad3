package io.arktasksync.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line: a few flags of our own, and Spring Boot's {@code --name=value} property overrides passed
 * through untouched.
 *
 * @param demo sync from the built-in simulated API instead of a real one
 * @param help print usage and exit
 * @param springArguments arguments for Spring Boot, e.g. {@code --ark.page-size=100}
 */
public record CommandLineOptions(boolean demo, boolean help, List<String> springArguments) {

    public static final String USAGE = """
            Usage: java -jar ark-task-sync.jar [--demo] [--name=value ...]
              (no option)     sync every task from ARK_BASE_URL into the configured PostgreSQL database, then exit
              --demo          sync from a built-in simulated Ark API on loopback (no API key needed)
              --name=value    any setting, e.g. --ark.page-size=100 or --spring.datasource.url=jdbc:postgresql://...
              --help          this text
            Exit codes: 0 success, 1 sync failed, 2 invalid configuration, 3 API authentication failed,
                        4 database unavailable, 5 another run holds the lock, 6 too many rejected items""";

    public static CommandLineOptions parse(String... args) {
        boolean demo = false;
        boolean help = false;
        List<String> spring = new ArrayList<>();
        for (String arg : args) {
            switch (arg) {
                case "--demo" -> demo = true;
                case "--help", "-h" -> help = true;
                default -> {
                    if (arg.startsWith("--") && arg.indexOf('=') > 2) {
                        spring.add(arg);
                    }
                    else {
                        throw new IllegalArgumentException("Unknown argument '" + arg + "'. " + USAGE);
                    }
                }
            }
        }
        return new CommandLineOptions(demo, help, List.copyOf(spring));
    }
}
