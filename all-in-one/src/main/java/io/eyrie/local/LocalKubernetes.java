package io.eyrie.local;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local run's cluster: fabric8's Kubernetes API double in CRUD mode, which stores what the real driver
 * applies, and a {@link SimulatedKubelet} that writes the status a cluster's controllers would. No container
 * ever runs, and the double forgets everything when the local run stops.
 */
final class LocalKubernetes implements AutoCloseable {
    /** The double logs every request through java.util.logging; held here, since it keeps loggers weakly. */
    private static final java.util.logging.Logger REQUEST_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final SimulatedKubelet kubelet;
    private final Path kubeconfig;

    private LocalKubernetes(KubernetesMockServer server, KubernetesClient client, SimulatedKubelet kubelet,
                            Path kubeconfig) {
        this.server = server;
        this.client = client;
        this.kubelet = kubelet;
        this.kubeconfig = kubeconfig;
    }

    static LocalKubernetes start(Path directory, int port, Duration readyAfter) {
        REQUEST_LOG.setLevel(java.util.logging.Level.WARNING);
        ProxyingDispatcher dispatcher = new ProxyingDispatcher();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                dispatcher, false);
        try {
            server.init(InetAddress.getLoopbackAddress(), port);
            Files.createDirectories(directory);
            Path kubeconfig = directory.resolve("kubeconfig");
            // The double checks no credentials; the token is there because the driver always sends one.
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters: [{name: local, cluster: {server: "%s"}}]
                    users: [{name: eyrie, user: {token: local-api-double}}]
                    contexts: [{name: local, context: {cluster: local, user: eyrie}}]
                    current-context: local
                    """.formatted(url(server)));
            KubernetesClient client = server.createClient();
            SimulatedKubelet kubelet = SimulatedKubelet.start(client, readyAfter);
            dispatcher.kubelet = kubelet;
            return new LocalKubernetes(server, client, kubelet, kubeconfig);
        } catch (IOException | RuntimeException e) {
            server.destroy();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    String apiServer() {
        return url(server);
    }

    String credentialsRef() {
        return "kubeconfig:" + kubeconfig;
    }

    /** For tests that look at what the driver applied. */
    KubernetesClient client() {
        return client;
    }

    private static String url(KubernetesMockServer server) {
        return "http://" + server.getHostName() + ":" + server.getPort();
    }

    /**
     * The double stores objects but has no service proxy, which the Books' HTTP checks go through: this answers
     * for the simulated pods as the kubelet says, and passes everything else to the double.
     */
    private static final class ProxyingDispatcher extends KubernetesCrudDispatcher {
        private static final Pattern PROXY =
                Pattern.compile("/api/v1/namespaces/([^/]+)/services/([^/:]+)(:[^/]+)?/proxy(/[^?]*)?(\\?.*)?");
        private volatile SimulatedKubelet kubelet;

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            Matcher proxied = PROXY.matcher(request.getPath());
            if (!"GET".equals(request.getMethod()) || !proxied.matches()) {
                return super.dispatch(request);
            }
            Integer answer = kubelet == null ? null : kubelet.answer(proxied.group(1), proxied.group(2));
            if (answer == null) {
                return new MockResponse().setResponseCode(404).setHeader("Content-Type", "application/json")
                        .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\","
                                + "\"message\":\"services \\\"" + proxied.group(2) + "\\\" not found\",\"code\":404}");
            }
            return new MockResponse().setResponseCode(answer).setHeader("Content-Type", "text/plain")
                    .setBody(answer == 200 ? "[simulated] ok" : answer == 503 ? "[simulated] no endpoints available"
                            : "[simulated] the image is tagged unhealthy");
        }
    }

    @Override
    public void close() {
        kubelet.close();
        client.close();
        server.destroy();
    }
}
