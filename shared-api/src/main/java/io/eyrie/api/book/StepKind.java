package io.eyrie.api.book;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Every operation a Book step can ask of a cluster. A driver switches over this enum, so adding a kind here makes
 * each driver that does not implement it fail to compile.
 */
public enum StepKind {
    ENSURE_NAMESPACE,
    APPLY_SECRETS_AND_CONFIG,
    APPLY_POSTGRES_CLUSTER,
    APPLY_PERCONA_XTRADB_CLUSTER,
    APPLY_WORKLOAD,
    WAIT_FOR_ROLLOUT,
    RUN_ODOO_MODULE_UPDATE,
    SCALE_TO_ZERO,
    WAIT_FOR_PODS_TO_STOP,
    DELETE_WORKLOAD,
    DELETE_NAMESPACE;

    @JsonValue
    public String wire() {
        return name().toLowerCase().replace('_', '-');
    }
}
