package io.eyrie.bookrunner.driver.kubernetes;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.eyrie.api.book.JobTarget;
import io.eyrie.api.deployment.Service;
import io.eyrie.bookrunner.driver.PodUsage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Resource monitors' reading of a real API server's pods and metrics.k8s.io, from canned answers. */
class PodMetricsTest {
    private static final String PODS = "/api/v1/namespaces/acme-shop/pods";
    private static final String METRICS = "/apis/metrics.k8s.io/v1beta1/namespaces/acme-shop/pods";
    private static final JobTarget TARGET = new JobTarget("acme", "acme-shop", "shop", List.of(),
            List.of(new Service("web", "shop:1.2", 2, List.of())), Map.of());

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

    private JobTarget.Cluster cluster() throws IOException {
        return new JobTarget.Cluster("mocked", api.baseUrl(),
                "kubeconfig:" + TestKubeconfig.write(Files.createTempFile(files, "kubeconfig", ""), "https://elsewhere.invalid"));
    }

    private void answer(String path, String body) {
        api.stubFor(get(urlPathEqualTo(path)).withQueryParam("labelSelector", equalTo("app.kubernetes.io/instance=shop"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
    }

    private static String pod(String name, String cpuLimit, String memoryLimit) {
        return """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"acme-shop"},
                 "spec":{"containers":[{"name":"web","image":"shop:1.2","resources":{"limits":{"cpu":"%s","memory":"%s"}}}]}}"""
                .formatted(name, cpuLimit, memoryLimit);
    }

    private static String usage(String name, String cpu, String memory) {
        return """
                {"apiVersion":"metrics.k8s.io/v1beta1","kind":"PodMetrics","metadata":{"name":"%s","namespace":"acme-shop"},
                 "timestamp":"2026-12-03T10:00:00Z","window":"30s","containers":[{"name":"web","usage":{"cpu":"%s","memory":"%s"}}]}"""
                .formatted(name, cpu, memory);
    }

    @Test
    void eachPodsUseIsAShareOfItsLimits() throws Exception {
        answer(PODS, "{\"apiVersion\":\"v1\",\"kind\":\"PodList\",\"metadata\":{},\"items\":[" + pod("shop-a", "500m", "256Mi")
                + "," + pod("shop-b", "1", "1Gi") + "]}");
        answer(METRICS, "{\"apiVersion\":\"metrics.k8s.io/v1beta1\",\"kind\":\"PodMetricsList\",\"metadata\":{},\"items\":["
                + usage("shop-a", "400m", "64Mi") + "," + usage("shop-b", "100000000n", "768Mi") + "]}");

        assertThat(driver.podUsage(TARGET, cluster())).containsExactly(new PodUsage("shop-a", 80, 25),
                new PodUsage("shop-b", 10, 75));
    }

    @Test
    void withoutMetricsServerTheReasonSaysSo() throws Exception {
        answer(PODS, "{\"apiVersion\":\"v1\",\"kind\":\"PodList\",\"metadata\":{},\"items\":[" + pod("shop-a", "1", "1Gi") + "]}");
        api.stubFor(get(urlPathEqualTo(METRICS)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404,
                         "message":"the server could not find the requested resource"}""")));

        assertThatThrownBy(() -> driver.podUsage(TARGET, cluster()))
                .hasMessage("metrics.k8s.io has no metrics for the pods in acme-shop (is metrics-server installed?)");
    }

    @Test
    void noPodsAndNoLimitsAreReasonsToo() throws Exception {
        answer(PODS, "{\"apiVersion\":\"v1\",\"kind\":\"PodList\",\"metadata\":{},\"items\":[]}");
        assertThatThrownBy(() -> driver.podUsage(TARGET, cluster()))
                .hasMessage("no pods with app.kubernetes.io/instance=shop in namespace acme-shop");

        api.resetAll();
        answer(PODS, "{\"apiVersion\":\"v1\",\"kind\":\"PodList\",\"metadata\":{},\"items\":[{\"apiVersion\":\"v1\","
                + "\"kind\":\"Pod\",\"metadata\":{\"name\":\"shop-a\"},\"spec\":{\"containers\":[{\"name\":\"web\"}]}}]}");
        answer(METRICS, "{\"apiVersion\":\"metrics.k8s.io/v1beta1\",\"kind\":\"PodMetricsList\",\"metadata\":{},\"items\":["
                + usage("shop-a", "400m", "64Mi") + "]}");
        assertThatThrownBy(() -> driver.podUsage(TARGET, cluster()))
                .hasMessage("pod shop-a sets no CPU or memory limits (nor requests) to compare its use with");
    }
}
