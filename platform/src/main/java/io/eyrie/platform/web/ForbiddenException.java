package io.eyrie.platform.web;

/** The caller may see the resource but lacks the role for what they asked: 403. */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
