package io.eyrie.api.cluster;

/** {@code credentialsRef} names where the credentials are (a kubeconfig file, a secret); never the secret itself. */
public record RegisterCluster(ClusterId cluster, String uid, String name, String apiServer, String credentialsRef) {
}
