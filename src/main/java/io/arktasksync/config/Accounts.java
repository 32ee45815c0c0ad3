package io.arktasksync.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The accounts this process knows, each with its own {@link AccountSettings} (name, base URL, key, filters, pacing,
 * endpoint ids; the rest is shared). Without {@code ark.accounts} there is one: the account configured the old way
 * ({@code ARK_BASE_URL}, {@code ARK_API_KEY}, {@code ARK_ACCOUNT}).
 */
public final class Accounts {

    /** Names go into job names (100 characters in Spring Batch's table), lock keys and metric labels. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** "arkTaskSync:" and the name fit Spring Batch's 100-character job name. */
    static final int MAX_LEGACY_NAME = 88;

    private final Map<String, AccountSettings> byName;

    private Accounts(Map<String, AccountSettings> byName) {
        this.byName = byName;
    }

    /** What else is wrong with one account of {@code ark.accounts}, once made: one line per problem. */
    @FunctionalInterface
    public interface AccountCheck {

        List<String> problems(AccountSettings account);
    }

    /** Resolves the accounts of settings already checked (the context's: {@link SettingsCheck} ran first). */
    public static Accounts resolve(AccountSettings defaults, AccountsProperties accounts) {
        return resolve(defaults, accounts, false, account -> List.of());
    }

    /**
     * @param defaults the top-level settings: the one account, or what an entry of {@code ark.accounts} does not set
     * @param check the checks of each listed account's settings, labelled here with the entry
     * @throws InvalidSettingsException naming every bad account setting
     */
    public static Accounts resolve(AccountSettings defaults, AccountsProperties accounts, boolean needsApi,
            AccountCheck check) {
        List<String> problems = new ArrayList<>();
        Map<String, AccountSettings> byName = new LinkedHashMap<>();
        if (accounts.accounts().isEmpty()) {
            // checked with the other settings; only its length is new, for the job name (Spring Batch: 100 chars)
            byName.put(defaults.account(), defaults);
            if (defaults.account() != null && defaults.account().length() > MAX_LEGACY_NAME) {
                problems.add("ARK_ACCOUNT (ark.account) must be at most " + MAX_LEGACY_NAME + " characters long");
            }
        }
        for (int i = 0; i < accounts.accounts().size(); i++) {
            AccountEntry entry = accounts.accounts().get(i);
            String name = entry.name() == null ? "" : entry.name().trim();
            if (!NAME.matcher(name).matches()) {
                problems.add("ark.accounts[" + i + "].name must be 1 to 64 letters, digits, '.', '_' or '-' (starting "
                        + "with a letter or digit), got '" + name + "'");
                continue;
            }
            // The top-level key belongs to the top-level base URL: an entry with a host of its own never gets it.
            boolean ownHost = !isBlank(entry.baseUrl());
            String apiKey = ownHost ? entry.apiKey() : or(entry.apiKey(), defaults.apiKey());
            AccountSettings account = new AccountSettings(name, or(entry.baseUrl(), defaults.baseUrl()), apiKey,
                    entry.filter() == null ? defaults.filter() : entry.filter(),
                    entry.maxRequestsPerSecond() == null ? defaults.maxRequestsPerSecond()
                            : entry.maxRequestsPerSecond(),
                    entry.endpointIds() == null ? defaults.endpointIds() : entry.endpointIds());
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
            for (String problem : check.problems(account)) {
                problems.add("account ark.accounts[" + i + "] (" + name + "): " + problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return new Accounts(byName);
    }

    private static String or(String value, String fallback) {
        return isBlank(value) ? fallback : value;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** Every account, in configuration order. */
    public List<AccountSettings> all() {
        return List.copyOf(byName.values());
    }

    /**
     * @param name an account's name, or null for a run recorded before runs named their account (the account
     *        {@code default}'s)
     * @throws IllegalStateException for an account no longer configured
     */
    public AccountSettings named(String name) {
        AccountSettings account = byName.get(name == null ? "default" : name);
        if (account == null) {
            throw new IllegalStateException("account '" + name + "' is not configured (ark.accounts / ARK_ACCOUNT)");
        }
        return account;
    }
}
