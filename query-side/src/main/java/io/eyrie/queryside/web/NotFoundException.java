package io.eyrie.queryside.web;

/** The read model has no document for the requested id; answered with 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String resource, String id) {
        super("No " + resource + " with id " + id);
    }
}
