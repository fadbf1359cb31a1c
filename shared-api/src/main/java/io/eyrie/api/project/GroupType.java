package io.eyrie.api.project;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.eyrie.api.id.Ids;

/**
 * What a deployment group runs, such as {@code odoo} or {@code pgo}. A value rather than an enum: the command side
 * knows one {@code DeploymentType} class per type, and adding a type means adding that class, nothing here.
 */
public record GroupType(@JsonValue String name) {
    public static final GroupType ODOO = new GroupType("odoo");
    public static final GroupType PGO = new GroupType("pgo");
    public static final GroupType PXC = new GroupType("pxc");
    public static final GroupType NONE = new GroupType("none");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public GroupType {
        Ids.requireSlug("group type", name);
    }

    public String wire() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
