package io.arktasksync.config;

import java.util.List;

/** Checks the account list and the shard before anything connects: one line per problem, exit code 2. */
public final class AccountsCheck {

    private AccountsCheck() {
    }

    /** @throws InvalidSettingsException naming every bad setting */
    public static void validate(ArkProperties properties, AccountsProperties accounts, String completionIndex,
            boolean needsApi) {
        Accounts.resolve(properties, accounts, needsApi);
        try {
            Shard.of(accounts.shard(), accounts.shardCount(), completionIndex);
        }
        catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(List.of(e.getMessage()));
        }
    }
}
