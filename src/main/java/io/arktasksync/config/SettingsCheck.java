package io.arktasksync.config;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The one check of every setting, as soon as the environment is assembled (command line, environment variables,
 * config files) and before any bean connects to the database or the API: each settings record bound with its
 * constraints, the checks constraints cannot express, the account list, the shard, and the groups of other features
 * (the archive's). Every problem is one line naming the environment variable; together they end the command with
 * exit code 2. Also remembers the JDBC URL so that a startup failure can name the database it could not reach.
 */
public class SettingsCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private static final String PREFIX = "ark";

    private final boolean needsApi;

    private final List<SettingsGroup> groups;

    private volatile String datasourceUrl;

    /**
     * @param needsApi whether the command calls the API: a sync needs ARK_BASE_URL and ARK_API_KEY, the report
     *        reads the database only and must work without them
     * @param groups settings of other features, checked with these
     */
    public SettingsCheck(boolean needsApi, SettingsGroup... groups) {
        this.needsApi = needsApi;
        this.groups = List.of(groups);
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        datasourceUrl = environment.getProperty("spring.datasource.url");
        check(SettingsBinding.of(environment), needsApi, environment.getProperty("JOB_COMPLETION_INDEX"), groups);
    }

    /** The configured JDBC URL as given (mask it before printing), or null. */
    public String datasourceUrl() {
        return datasourceUrl;
    }

    /**
     * @param completionIndex the Indexed Job's {@code JOB_COMPLETION_INDEX}, or null
     * @return the accounts, when every setting is fine
     * @throws InvalidSettingsException naming every bad setting
     */
    public static Accounts check(SettingsBinding binding, boolean needsApi, String completionIndex,
            List<SettingsGroup> groups) {
        AccountSettings defaults = binding.bind(PREFIX, AccountSettings.class);
        AccountsProperties list = binding.bind(PREFIX, AccountsProperties.class);
        ClientSettings client = binding.bind(PREFIX, ClientSettings.class);
        binding.bind(PREFIX, ListingSettings.class);
        binding.bind(PREFIX, JobSettings.class);
        MonitoringSettings monitoring = binding.bind(PREFIX, MonitoringSettings.class);
        // With ark.accounts, the API settings are each account's (the top-level ones are their defaults).
        binding.addAll(SettingsValidator.accountProblems(defaults, client.allowInsecureHttp(),
                needsApi && list.accounts().isEmpty()));
        binding.addAll(SettingsValidator.clientProblems(client));
        binding.addAll(SettingsValidator.monitoringProblems(monitoring));
        Accounts accounts = null;
        try {
            accounts = Accounts.resolve(defaults, list, needsApi, account -> {
                List<String> problems = new ArrayList<>(binding.constraintProblems(PREFIX, account));
                problems.addAll(SettingsValidator.accountProblems(account, client.allowInsecureHttp(), needsApi));
                return problems;
            });
        }
        catch (InvalidSettingsException e) {
            binding.addAll(e.problems());
        }
        try {
            Shard.of(list.shard(), list.shardCount(), completionIndex);
        }
        catch (IllegalArgumentException e) {
            binding.add(e.getMessage());
        }
        for (SettingsGroup group : groups) {
            group.check(binding);
        }
        binding.requireValid();
        return accounts;
    }
}
