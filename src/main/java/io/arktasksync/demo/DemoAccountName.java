package io.arktasksync.demo;

import java.util.ArrayList;
import java.util.List;

import io.arktasksync.config.AccountEntry;
import io.arktasksync.config.AccountSettings;
import io.arktasksync.config.AccountsProperties;
import io.arktasksync.config.InvalidSettingsException;

/**
 * The account name {@value DemoApi#ACCOUNT} is the demo's alone. A real account of that name would share the demo's
 * runs, planning and gone-marking and be left out of reports; a demo that synced the accounts of an
 * {@code ark.accounts} list would reach their hosts and write their names. Both are refused before a sync starts.
 */
public final class DemoAccountName {

    private DemoAccountName() {
    }

    /**
     * @param demo whether this run is {@code --demo} (which sets {@code ark.account} to {@value DemoApi#ACCOUNT})
     * @throws InvalidSettingsException naming the setting, for the one-line message and exit code 2
     */
    public static void check(AccountSettings properties, AccountsProperties accounts, boolean demo) {
        List<String> problems = new ArrayList<>();
        if (demo && !accounts.accounts().isEmpty()) {
            problems.add("--demo syncs its simulated account '" + DemoApi.ACCOUNT + "' alone, but ark.accounts "
                    + "lists " + accounts.accounts().size() + " account(s) that it would sync instead: run the "
                    + "demo without ark.accounts");
        }
        if (!demo && accounts.accounts().isEmpty() && DemoApi.ACCOUNT.equals(properties.account())) {
            problems.add("ARK_ACCOUNT (ark.account) '" + DemoApi.ACCOUNT + "' is reserved for --demo: give the "
                    + "real account another name");
        }
        for (int i = 0; !demo && i < accounts.accounts().size(); i++) {
            AccountEntry entry = accounts.accounts().get(i);
            if (entry.name() != null && DemoApi.ACCOUNT.equals(entry.name().trim())) {
                problems.add("ark.accounts[" + i + "].name '" + DemoApi.ACCOUNT + "' is reserved for --demo: give "
                        + "the real account another name");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
    }
}
