package io.eyrie.commandside.deployment.type;

import io.eyrie.api.project.GroupType;
import org.springframework.stereotype.Component;

import java.util.List;

/** An Odoo application server; it needs a reference to its database. */
@Component
class OdooType extends DeploymentType {
    OdooType() {
        super(GroupType.ODOO, List.of(
                ConfigField.text("database", true, "(pgo|secret|vault)://[A-Za-z0-9._/-]{1,300}(#[A-Za-z0-9._-]{1,100})?",
                        "must be a reference to the database, such as pgo://acme/db or secret://acme/odoo-db"),
                ConfigField.text("modules", false, "[a-z0-9_]+(,[a-z0-9_]+){0,99}",
                        "must be Odoo module names separated by commas")));
    }
}
