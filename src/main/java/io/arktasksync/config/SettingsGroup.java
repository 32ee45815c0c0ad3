package io.arktasksync.config;

/**
 * Settings of a feature outside this package (the archive's {@code ark.archive.*}), bound and checked by the one
 * {@link SettingsCheck} with all the others, so that every bad setting is named in the same one line.
 */
@FunctionalInterface
public interface SettingsGroup {

    /** Binds the group's settings with {@link SettingsBinding#bind} and adds what else is wrong with them. */
    void check(SettingsBinding binding);
}
