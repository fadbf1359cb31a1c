package io.eyrie.api.book;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.eyrie.api.id.EntityId;

import java.util.regex.Pattern;

/** A Book, addressed by its name, such as {@code odoo.deploy}; all its versions share it. */
public record BookId(@JsonValue String value) implements EntityId {
    public static final String KIND = "book";
    public static final String NAME = "[a-z0-9][a-z0-9.-]{0,80}";
    public static final String NAME_MESSAGE = "must be 1-81 lowercase letters, digits, '.' or '-', such as odoo.deploy";
    private static final Pattern VALID = Pattern.compile(NAME);

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public BookId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException(KIND + " " + value + " " + NAME_MESSAGE);
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String toString() {
        return EntityId.of(this);
    }
}
