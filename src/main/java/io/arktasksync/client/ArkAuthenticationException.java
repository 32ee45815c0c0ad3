package io.arktasksync.client;

/** 401 or 403: the key is wrong, revoked, lacks access, or the account is overdue. Never retried. */
public class ArkAuthenticationException extends ArkApiException {

    public ArkAuthenticationException(String message, int httpStatus, String errorCode) {
        super(message, httpStatus, errorCode, false);
    }
}
