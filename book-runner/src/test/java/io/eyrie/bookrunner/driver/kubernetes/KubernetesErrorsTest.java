package io.eyrie.bookrunner.driver.kubernetes;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.eyrie.api.book.JobStep;
import io.eyrie.api.book.JobTarget;
import io.eyrie.api.book.StepKind;
import io.eyrie.api.deployment.Service;
import io.eyrie.bookrunner.driver.StepOutcome;
import io.eyrie.bookrunner.driver.StepRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** What the driver makes of an API server that refuses: canned answers from WireMock. */
class KubernetesErrorsTest {
    private static final String NAMESPACE = "/api/v1/namespaces/acme-shop";
    private static final String POSTGRES = "/apis/postgres-operator.crunchydata.com/v1beta1/namespaces/acme-shop/postgresclusters";

    @TempDir
    Path files;
    WireMockServer api;
    KubernetesClusterDriver driver;

    @BeforeEach
    void start() {
        api = new WireMockServer(options().dynamicPort());
        api.start();
        driver = new KubernetesClusterDriver(new KubernetesDriverProperties("eyrie.local", Duration.ofMillis(10),
                Duration.ofSeconds(2), null));
    }

    @AfterEach
    void stop() {
        api.stop();
    }

    @Test
    void aConflictIsRetryable() throws IOException {
        notFound(NAMESPACE);
        api.stubFor(post(urlPathEqualTo("/api/v1/namespaces")).willReturn(status(409, "AlreadyExists",
                "namespaces \\\"acme-shop\\\" already exists")));

        assertThat(ensureNamespace()).isEqualTo(StepOutcome.retryable(
                "409 to create Namespace acme-shop on cluster 'mocked': namespaces \"acme-shop\" already exists"));
    }

    @Test
    void aBusyApiServerIsRetryableAndTheRetrySucceeds() throws IOException {
        notFound(NAMESPACE);
        api.stubFor(post(urlPathEqualTo("/api/v1/namespaces")).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(status(429, "TooManyRequests", "too many requests")).willSetStateTo("calm"));
        api.stubFor(post(urlPathEqualTo("/api/v1/namespaces")).inScenario("busy").whenScenarioStateIs("calm")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"acme-shop\"}}")));

        assertThat(ensureNamespace()).isEqualTo(StepOutcome.retryable(
                "429 to create Namespace acme-shop on cluster 'mocked': too many requests"));
        assertThat(ensureNamespace()).isEqualTo(StepOutcome.succeeded("created Namespace/acme-shop"));
    }

    @Test
    void aServerErrorIsRetryable() throws IOException {
        api.stubFor(get(urlPathEqualTo(NAMESPACE)).willReturn(status(500, "InternalError", "etcdserver: request timed out")));

        assertThat(ensureNamespace()).isEqualTo(StepOutcome.retryable(
                "500 to read Namespace acme-shop on cluster 'mocked': etcdserver: request timed out"));
    }

    @Test
    void forbiddenFailsTheStepAndSaysWhatToGrant() throws IOException {
        api.stubFor(get(urlPathEqualTo(NAMESPACE)).willReturn(status(403, "Forbidden",
                "namespaces \\\"acme-shop\\\" is forbidden: User \\\"eyrie\\\" cannot get resource \\\"namespaces\\\"")));

        assertThat(ensureNamespace()).isEqualTo(StepOutcome.failed("forbidden (403) to read Namespace acme-shop on "
                + "cluster 'mocked'; grant Eyrie's service account that right: namespaces \"acme-shop\" is forbidden: "
                + "User \"eyrie\" cannot get resource \"namespaces\""));
    }

    @Test
    void rejectedCredentialsFailTheStep() throws IOException {
        api.stubFor(get(urlPathEqualTo(NAMESPACE)).willReturn(status(401, "Unauthorized", "Unauthorized")));

        assertThat(ensureNamespace()).isEqualTo(StepOutcome.failed("the credentials of cluster 'mocked' were not "
                + "accepted (401) to read Namespace acme-shop on cluster 'mocked'; check its credentials reference: Unauthorized"));
    }

    @Test
    void aCustomResourceWhoseOperatorIsMissingFailsTheStep() throws IOException {
        api.stubFor(get(urlPathEqualTo(POSTGRES + "/shop")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "text/plain").withBody("404 page not found")));
        api.stubFor(post(urlPathEqualTo(POSTGRES)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "text/plain").withBody("404 page not found")));

        StepOutcome outcome = driver.execute(request(StepKind.APPLY_MANIFEST, Map.of("template", "pgo-postgrescluster")),
                cluster());

        assertThat(outcome).isEqualTo(StepOutcome.failed("cluster 'mocked' does not serve PostgresCluster "
                + "(postgres-operator.crunchydata.com/v1beta1): is its operator installed?: 404 page not found"));
    }

    @Test
    void anInvalidManifestFailsTheStepWithTheServersReason() throws IOException {
        api.stubFor(get(urlPathEqualTo("/api/v1/namespaces/acme-shop/services")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"apiVersion\":\"v1\",\"kind\":\"ServiceList\",\"metadata\":{},\"items\":[]}")));
        String deployments = "/apis/apps/v1/namespaces/acme-shop/deployments";
        notFound(deployments + "/shop-web");
        api.stubFor(post(urlPathEqualTo(deployments)).willReturn(status(422, "Invalid",
                "Deployment.apps \\\"shop-web\\\" is invalid: spec.template.spec.containers[0].image: Required value")));

        StepOutcome outcome = driver.execute(request(StepKind.APPLY_MANIFEST, Map.of("template", "web")), cluster());

        assertThat(outcome).isEqualTo(StepOutcome.failed("the manifest was refused as invalid (422) to create "
                + "Deployment shop-web on cluster 'mocked': Deployment.apps \"shop-web\" is invalid: "
                + "spec.template.spec.containers[0].image: Required value"));
    }

    @Test
    void anApiServerThatDoesNotAnswerIsRetryable() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        JobTarget.Cluster gone = new JobTarget.Cluster("mocked", "http://127.0.0.1:" + closed,
                kubeconfig("http://127.0.0.1:" + closed));

        assertThat(driver.execute(request(StepKind.ENSURE_NAMESPACE, Map.of()), gone))
                .isInstanceOfSatisfying(StepOutcome.Retryable.class, retry -> assertThat(retry.error())
                        .startsWith("cluster 'mocked' did not answer to read Namespace acme-shop: "));
    }

    @Test
    void theCredentialsTokenIsSentToTheRegisteredApiServer() throws IOException {
        notFound(NAMESPACE);

        ensureNamespace();

        api.verify(getRequestedFor(urlPathEqualTo(NAMESPACE))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + TestKubeconfig.TOKEN)));
    }

    @Test
    void anHttpCheckTheApiServerRefusesFailsAtOnce() throws IOException {
        api.stubFor(get(urlPathEqualTo("/api/v1/namespaces/acme-shop/services")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"apiVersion":"v1","kind":"ServiceList","metadata":{},"items":[{"apiVersion":"v1",
                        "kind":"Service","metadata":{"name":"shop-web","namespace":"acme-shop"}}]}""")));
        api.stubFor(get(urlPathEqualTo("/api/v1/namespaces/acme-shop/services/shop-web:http/proxy/health"))
                .willReturn(status(403, "Forbidden", "services \\\"shop-web\\\" is forbidden")));

        assertThat(driver.execute(request(StepKind.HTTP_CHECK, Map.of("path", "/health")), cluster())).isEqualTo(
                StepOutcome.failed("the API server refused GET /health through the proxy of Service shop-web (403); "
                        + "the runner needs get on services/proxy"));
    }

    @Test
    void anObjectStillBeingDeletedIsWaitedFor() throws IOException {
        // The CRUD double drops deletionTimestamp, so a canned answer plays a namespace an earlier drop is deleting.
        api.stubFor(get(urlPathEqualTo(NAMESPACE)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"acme-shop",
                        "labels":{"app.kubernetes.io/managed-by":"eyrie"},"deletionTimestamp":"2026-12-02T00:00:00Z"}}""")));

        assertThat(ensureNamespace()).isEqualTo(StepOutcome.waiting(Duration.ofMillis(10),
                "Namespace acme-shop is still being deleted"));
    }

    @Test
    void anHttpCheckGoesThroughTheServiceProxyAndWaitsUntilItAnswers2xx() throws IOException {
        api.stubFor(get(urlPathEqualTo("/api/v1/namespaces/acme-shop/services")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"apiVersion":"v1","kind":"ServiceList","metadata":{},"items":[{"apiVersion":"v1",
                        "kind":"Service","metadata":{"name":"shop-web","namespace":"acme-shop"}}]}""")));
        String proxy = "/api/v1/namespaces/acme-shop/services/shop-web:http/proxy/health";
        api.stubFor(get(urlPathEqualTo(proxy)).inScenario("starting").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        api.stubFor(get(urlPathEqualTo(proxy)).inScenario("starting").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withBody("ok")));

        StepOutcome starting = driver.execute(request(StepKind.HTTP_CHECK, Map.of("path", "/health?deep=1")), cluster());
        StepOutcome up = driver.execute(request(StepKind.HTTP_CHECK, Map.of("path", "/health?deep=1")), cluster());

        assertThat(starting).isEqualTo(StepOutcome.waiting(Duration.ofMillis(10),
                "GET /health?deep=1 on Service shop-web answered 503"));
        assertThat(up).isEqualTo(StepOutcome.succeeded("GET /health?deep=1 answered 2xx on Service/shop-web"));
        api.verify(getRequestedFor(urlPathEqualTo(proxy))
                .withQueryParam("deep", com.github.tomakehurst.wiremock.client.WireMock.equalTo("1"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                        "Bearer " + TestKubeconfig.TOKEN)));
    }

    private StepOutcome ensureNamespace() throws IOException {
        return driver.execute(request(StepKind.ENSURE_NAMESPACE, Map.of()), cluster());
    }

    private JobTarget.Cluster cluster() throws IOException {
        // The kubeconfig names another server: the registered API server is the one that counts.
        return new JobTarget.Cluster("mocked", api.baseUrl(), kubeconfig("https://elsewhere.invalid"));
    }

    private String kubeconfig(String server) throws IOException {
        Path file = TestKubeconfig.write(Files.createTempFile(files, "kubeconfig", ""), server);
        return "kubeconfig:" + file;
    }

    private static StepRequest request(StepKind kind, Map<String, String> with) {
        JobTarget target = new JobTarget("acme", "acme-shop", "shop", List.of(),
                List.of(new Service("web", "shop:1.2", 1, List.of())), Map.of("postgresVersion", "17"));
        return new StepRequest("job-1", "d-1", "test", new JobStep(kind.wire(), kind, with, 1, 60), "shop:1.2",
                Instant.now(), target);
    }

    private void notFound(String path) {
        api.stubFor(get(urlPathEqualTo(path)).willReturn(status(404, "NotFound", "not found")));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder status(int code, String reason,
                                                                                         String message) {
        return aResponse().withStatus(code).withHeader("Content-Type", "application/json").withBody("""
                {"kind":"Status","apiVersion":"v1","status":"Failure","message":"%s","reason":"%s","code":%d}"""
                .formatted(message, reason, code));
    }
}
