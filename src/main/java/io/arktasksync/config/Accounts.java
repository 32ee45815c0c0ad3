package io.arktasksync.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The accounts this process knows, each as a full set of {@link ArkProperties} (its own name, base URL, key,
 * filters and pacing; the rest shared). Without {@code ark.accounts} there is one: the account configured the old
 * way ({@code ARK_BASE_URL}, {@code ARK_API_KEY}, {@code ARK_ACCOUNT}).
 */
public final class Accounts {

    /** Names go into job names (100 characters in Spring Batch's table), lock keys and metric labels. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** "arkTaskSync:" and the name fit Spring Batch's 100-character job name. */
    static final int MAX_LEGACY_NAME = 88;

    private final Map<String, ArkProperties> byName;

    private Accounts(Map<String, ArkProperties> byName) {
        this.byName = byName;
    }

    /**
     * @throws InvalidSettingsException naming every bad account setting (checked with {@link SettingsValidator} as
     *         a single account's would be)
     */
    public static Accounts resolve(ArkProperties properties, AccountsProperties accounts, boolean needsApi) {
        List<String> problems = new ArrayList<>();
        Map<String, ArkProperties> byName = new LinkedHashMap<>();
        if (accounts.accountConcurrency() < 1 || accounts.accountConcurrency() > 256) {
            problems.add("ARK_ACCOUNT_CONCURRENCY (ark.account-concurrency) must be between 1 and 256, got "
                    + accounts.accountConcurrency());
        }
        if (accounts.accounts().isEmpty()) {
            // checked as ever by SettingsCheck; only its length is new, for the job name (Spring Batch: 100 chars)
            byName.put(properties.account(), properties);
            if (properties.account() != null && properties.account().length() > MAX_LEGACY_NAME) {
                problems.add("ARK_ACCOUNT (ark.account) must be at most " + MAX_LEGACY_NAME + " characters long");
            }
        }
        for (int i = 0; i < accounts.accounts().size(); i++) {
            AccountSettings entry = accounts.accounts().get(i);
            String name = entry.name() == null ? "" : entry.name().trim();
            if (!NAME.matcher(name).matches()) {
                problems.add("ark.accounts[" + i + "].name must be 1 to 64 letters, digits, '.', '_' or '-' (starting "
                        + "with a letter or digit), got '" + name + "'");
                continue;
            }
            // The top-level key belongs to the top-level base URL: an entry with a host of its own never gets it.
            boolean ownHost = !isBlank(entry.baseUrl());
            String apiKey = ownHost ? entry.apiKey() : or(entry.apiKey(), properties.apiKey());
            ArkProperties account = properties.withAccount(name, or(entry.baseUrl(), properties.baseUrl()), apiKey,
                    entry.filter() == null ? properties.filter() : entry.filter(),
                    entry.maxRequestsPerSecond() == null ? properties.maxRequestsPerSecond()
                            : entry.maxRequestsPerSecond(),
                    entry.endpointIds() == null ? properties.endpointIds() : entry.endpointIds());
            if (byName.putIfAbsent(name, account) != null) {
                problems.add("ark.accounts[" + i + "].name '" + name + "' is used twice");
                continue;
            }
            if (needsApi && ownHost && isBlank(entry.apiKey())) {
                problems.add("ark.accounts[" + i + "] (" + name + ") sets its own base-url but no api-key: give it "
                        + "its own (ark.accounts[" + i + "].api-key); the top-level ARK_API_KEY is never sent to "
                        + "another base URL");
                continue;
            }
            check("ark.accounts[" + i + "] (" + name + ")", account, needsApi, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return new Accounts(byName);
    }

    private static void check(String label, ArkProperties account, boolean needsApi, List<String> problems) {
        try {
            SettingsValidator.validate(account, needsApi);
        }
        catch (InvalidSettingsException e) {
            for (String problem : e.problems()) {
                problems.add("account " + label + ": " + problem);
            }
        }
    }

    private static String or(String value, String fallback) {
        return isBlank(value) ? fallback : value;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** Every account, in configuration order. */
    public List<ArkProperties> all() {
        return List.copyOf(byName.values());
    }

    /**
     * @param name an account's name, or null for a run recorded before runs named their account (the account
     *        {@code default}'s)
     * @throws IllegalStateException for an account no longer configured
     */
    public ArkProperties named(String name) {
        ArkProperties account = byName.get(name == null ? "default" : name);
        if (account == null) {
            throw new IllegalStateException("account '" + name + "' is not configured (ark.accounts / ARK_ACCOUNT)");
        }
        return account;
    }
}
