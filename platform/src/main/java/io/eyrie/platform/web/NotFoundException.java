package io.eyrie.platform.web;

/**
 * No such resource, or one the caller may not see: both are answered alike with 404, so the answer never tells
 * whether something exists in a project the caller cannot see.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String resource, String id) {
        super("No " + resource + " '" + id + "'");
    }

    public NotFoundException(String message) {
        super(message);
    }
}
