package io.arktasksync.client;

import java.time.Duration;

/**
 * The API answered with an error, or with something that is not a task page. The message says what came back
 * (status, the API's error code, a snippet of a non-JSON body) and never contains the API key.
 */
public class ArkApiException extends RuntimeException {

    private final int httpStatus;

    private final String errorCode;

    private final boolean retryable;

    private final Duration retryAfter;

    public ArkApiException(String message, int httpStatus, String errorCode, boolean retryable) {
        this(message, httpStatus, errorCode, retryable, null, null);
    }

    public ArkApiException(String message, int httpStatus, String errorCode, boolean retryable, Duration retryAfter,
            Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** HTTP status, or 0 when no response arrived. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The API's {@code error.code}, or null when the body had none. */
    public String errorCode() {
        return errorCode;
    }

    /** Whether trying the same request again may succeed (429, 5xx, I/O, truncated body). */
    public boolean retryable() {
        return retryable;
    }

    /** The wait the server asked for with {@code Retry-After}, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
