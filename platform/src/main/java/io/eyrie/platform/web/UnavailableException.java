package io.eyrie.platform.web;

/** A store this request needs did not answer; nothing was done and a retry may succeed: 503. */
public class UnavailableException extends RuntimeException {
    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
