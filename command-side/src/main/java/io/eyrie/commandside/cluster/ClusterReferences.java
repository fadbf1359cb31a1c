package io.eyrie.commandside.cluster;

/** The shapes of a cluster's API server and of a credentials reference. */
public final class ClusterReferences {
    /** {@code simulated://name} names a cluster that only a simulated driver serves. */
    public static final String API_SERVER = "(https?|simulated)://[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]{0,200})?";
    public static final String API_SERVER_MESSAGE = "must be an http(s):// URL of the API server, or simulated://<name>";
    /**
     * Where the credentials are, never what they are: a kubeconfig file (with an optional context), the pod's
     * in-cluster service account, a token file and CA file, or an entry in a secret store.
     */
    public static final String CREDENTIALS = "in-cluster|kubeconfig:[A-Za-z0-9._~/-]{1,400}(#[A-Za-z0-9._@:-]{1,100})?"
            + "|token-file:[A-Za-z0-9._~/-]{1,300}\\?ca=[A-Za-z0-9._~/-]{1,300}|(secret|vault)://[A-Za-z0-9._/-]{1,300}(#[A-Za-z0-9._-]{1,100})?";
    public static final String CREDENTIALS_MESSAGE = "must be a reference, not a secret: in-cluster, "
            + "kubeconfig:<path>[#context], token-file:<path>?ca=<path>, secret://<path>[#key] or vault://<path>[#key]";

    private ClusterReferences() {
    }
}
