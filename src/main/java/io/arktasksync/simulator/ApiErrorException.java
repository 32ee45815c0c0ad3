package io.arktasksync.simulator;

/** Carries an {@link ApiError} out of request validation, so that parsing code can stay linear. */
final class ApiErrorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ApiError error;

    ApiErrorException(ApiError error) {
        super(error.code() + ": " + error.message(), null, false, false);
        this.error = error;
    }

    ApiError error() {
        return error;
    }
}
