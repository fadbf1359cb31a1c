package io.eyrie.api.book;

import java.util.List;

/**
 * The manifest templates that ship with the runner, which Books name in {@code template}. They are logic-less
 * (Mustache), filled with the deployment's variables; a template cannot run code.
 */
public final class BookTemplates {
    /** A Deployment, a Service and an Ingress for Odoo. */
    public static final String ODOO = "odoo";
    /** A one-off Job that updates Odoo's modules. */
    public static final String ODOO_MODULE_UPDATE = "odoo-module-update";
    /** A Crunchy Data {@code PostgresCluster}. */
    public static final String POSTGRES_CLUSTER = "pgo-postgrescluster";
    /** A Percona {@code PerconaXtraDBCluster}. */
    public static final String XTRADB_CLUSTER = "pxc-cluster";
    /** A Deployment and a Service for any image. */
    public static final String WEB = "web";

    public static final List<String> ALL = List.of(ODOO, ODOO_MODULE_UPDATE, POSTGRES_CLUSTER, XTRADB_CLUSTER, WEB);
    /** The templates whose workloads run on tracks (main, blue, green), which blue-green moves traffic between. */
    public static final List<String> TRACKED = List.of(WEB, ODOO);

    private BookTemplates() {
    }
}
