package io.eyrie.bookrunner.book;

/**
 * Every operation a Book can ask of a cluster. A driver switches over this enum, so adding a step here makes each
 * driver that does not implement it fail to compile.
 */
public enum BookStep {
    ENSURE_NAMESPACE("ensure namespace"),
    APPLY_SECRETS_AND_CONFIG("apply secrets and config"),
    APPLY_POSTGRES_CLUSTER("apply PostgresCluster"),
    APPLY_PERCONA_XTRADB_CLUSTER("apply PerconaXtraDBCluster"),
    APPLY_WORKLOAD("apply workload"),
    WAIT_FOR_ROLLOUT("wait for rollout"),
    RUN_ODOO_MODULE_UPDATE("run odoo module update"),
    SCALE_TO_ZERO("scale to zero"),
    WAIT_FOR_PODS_TO_STOP("wait for pods to stop"),
    DELETE_WORKLOAD("delete workload"),
    DELETE_NAMESPACE("delete namespace");

    private final String label;

    BookStep(String label) {
        this.label = label;
    }

    /** The step's name as it appears in events and on dashboards. */
    public String label() {
        return label;
    }
}
