package io.arktasksync.config;

/** A setting's value is not one of its closed set ({@link ServiceTier}, {@link ProgressBar}); the message says which. */
public class ClosedSetException extends IllegalArgumentException {

    public ClosedSetException(String message) {
        super(message);
    }
}
