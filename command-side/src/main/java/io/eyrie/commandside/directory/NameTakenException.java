package io.eyrie.commandside.directory;

/** A name is already taken where it must be unique; answered with 409 naming the field. */
public class NameTakenException extends RuntimeException {
    private final String field;

    public NameTakenException(String what, String name, String where, String field) {
        super(what + " '" + name + "' already exists" + (where == null ? "" : " in " + where));
        this.field = field;
    }

    public String field() {
        return field;
    }
}
