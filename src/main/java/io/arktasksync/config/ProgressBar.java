package io.arktasksync.config;

import java.util.Locale;

/** {@code ark.progress-bar}: whether a progress bar may replace the progress lines. */
public enum ProgressBar {

    /** A bar on an interactive terminal with plain-text logs, progress lines otherwise. */
    AUTO,

    /** Never a bar. */
    OFF;

    /**
     * @param value as configured, in any letter case, surrounding spaces ignored
     * @throws ClosedSetException naming the accepted values (an empty value too: it is not a choice)
     */
    public static ProgressBar parse(String value) {
        String trimmed = value == null ? "" : value.trim();
        for (ProgressBar choice : values()) {
            if (choice.name().equals(trimmed.toUpperCase(Locale.ROOT))) {
                return choice;
            }
        }
        throw new ClosedSetException("must be 'auto' or 'off', got '" + trimmed + "'");
    }
}
