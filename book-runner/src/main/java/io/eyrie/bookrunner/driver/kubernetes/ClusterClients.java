package io.eyrie.bookrunner.driver.kubernetes;

import io.eyrie.api.book.JobTarget;
import io.eyrie.bookrunner.driver.StepOutcome;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import io.kubernetes.client.util.credentials.TokenFileAuthentication;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One client per cluster, made from its credentials reference and kept. The API server is always the cluster's
 * registered one; a kubeconfig supplies only credentials and its CA, so a job goes where the job says.
 * <ul>
 *     <li>{@code in-cluster}: the runner pod's service account;</li>
 *     <li>{@code kubeconfig:<path>[#context]}: a kubeconfig file;</li>
 *     <li>{@code token-file:<path>?ca=<path>}: a bearer token file, re-read as it rotates, and a CA file;</li>
 *     <li>{@code secret://<path>#<key>}: a kubeconfig kept in the runner's secret store.</li>
 * </ul>
 */
final class ClusterClients {
    private static final Pattern KUBECONFIG = Pattern.compile("kubeconfig:([^#]+)(#(.+))?");
    private static final Pattern TOKEN_FILE = Pattern.compile("token-file:([^?]+)\\?ca=(.+)");

    private final Map<String, KubeApi> clients = new ConcurrentHashMap<>();
    private final SecretStore secrets;
    private final Duration requestTimeout;

    ClusterClients(SecretStore secrets, Duration requestTimeout) {
        this.secrets = secrets;
        this.requestTimeout = requestTimeout;
    }

    KubeApi of(JobTarget.Cluster cluster) {
        return clients.computeIfAbsent(cluster.apiServer() + " " + cluster.credentialsRef(),
                key -> new KubeApi(build(cluster), cluster.slug()));
    }

    private ApiClient build(JobTarget.Cluster cluster) {
        String reference = cluster.credentialsRef() == null ? "" : cluster.credentialsRef();
        try {
            ClientBuilder builder = builder(reference, cluster);
            return builder.setBasePath(cluster.apiServer()).setReadTimeout(requestTimeout).build();
        } catch (IOException | RuntimeException e) {
            if (e instanceof KubeApi.StepStopped stopped) {
                throw stopped;
            }
            // Only the kind of failure: a parser's message can quote the file, and the file holds the credentials.
            throw new KubeApi.StepStopped(StepOutcome.failed("the credentials of cluster '" + cluster.slug() + "' ("
                    + reference + ") could not be loaded (" + e.getClass().getSimpleName() + ")"));
        }
    }

    private ClientBuilder builder(String reference, JobTarget.Cluster cluster) throws IOException {
        if (reference.equals("in-cluster")) {
            return ClientBuilder.cluster();
        }
        Matcher kubeconfig = KUBECONFIG.matcher(reference);
        if (kubeconfig.matches()) {
            Path file = Path.of(kubeconfig.group(1));
            try (Reader reader = Files.newBufferedReader(file)) {
                KubeConfig config = KubeConfig.loadKubeConfig(reader);
                config.setFile(file.toFile());
                return fromKubeconfig(config, kubeconfig.group(3), cluster);
            }
        }
        Matcher token = TOKEN_FILE.matcher(reference);
        if (token.matches()) {
            return new ClientBuilder().setAuthentication(new TokenFileAuthentication(token.group(1)))
                    .setCertificateAuthority(Files.readAllBytes(Path.of(token.group(2))));
        }
        if (reference.startsWith("secret://") || reference.startsWith("vault://")) {
            KubeConfig config = KubeConfig.loadKubeConfig(new StringReader(secrets.read(reference)));
            return fromKubeconfig(config, null, cluster);
        }
        throw new KubeApi.StepStopped(StepOutcome.failed("cluster '" + cluster.slug() + "' has no credentials "
                + "reference this runner understands: '" + reference + "'"));
    }

    private static ClientBuilder fromKubeconfig(KubeConfig config, String context, JobTarget.Cluster cluster)
            throws IOException {
        if (context != null && !config.setContext(context)) {
            throw new KubeApi.StepStopped(StepOutcome.failed("the kubeconfig of cluster '" + cluster.slug()
                    + "' has no context '" + context + "'"));
        }
        return ClientBuilder.kubeconfig(config);
    }
}
