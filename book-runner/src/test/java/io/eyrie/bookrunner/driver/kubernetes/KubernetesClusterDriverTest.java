package io.eyrie.bookrunner.driver.kubernetes;

import io.eyrie.api.book.BookStep;
import io.eyrie.api.book.JobStep;
import io.eyrie.api.book.JobState;
import io.eyrie.api.book.JobTarget;
import io.eyrie.api.book.StandardBooks;
import io.eyrie.api.book.StepKind;
import io.eyrie.api.deployment.EnvVar;
import io.eyrie.api.deployment.Service;
import io.eyrie.bookrunner.driver.StepOutcome;
import io.eyrie.bookrunner.driver.StepRequest;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The driver against fabric8's Kubernetes API double in CRUD mode. The double has no controllers, so the test
 * plays the kubelet: it writes the status a real cluster would, and the driver must wait until it does.
 */
class KubernetesClusterDriverTest {
    private static final ResourceDefinitionContext POSTGRES = new ResourceDefinitionContext.Builder()
            .withGroup("postgres-operator.crunchydata.com").withVersion("v1beta1").withPlural("postgresclusters")
            .withKind("PostgresCluster").withNamespaced(true).build();
    private static final ResourceDefinitionContext XTRADB = new ResourceDefinitionContext.Builder()
            .withGroup("pxc.percona.com").withVersion("v1").withPlural("perconaxtradbclusters")
            .withKind("PerconaXtraDBCluster").withNamespaced(true).build();

    @TempDir
    static Path files;
    static KubernetesMockServer server;
    static KubernetesClient kube;
    static KubernetesClusterDriver driver;
    static JobTarget.Cluster cluster;

    @BeforeAll
    static void startTheApiDouble() throws IOException {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new ProxyingDispatcher(), false);
        server.init();
        kube = server.createClient();
        String apiServer = "http://" + server.getHostName() + ":" + server.getPort();
        Path kubeconfig = TestKubeconfig.write(files.resolve("kubeconfig"), apiServer);
        Files.createDirectories(files.resolve("secrets/shop"));
        Files.writeString(files.resolve("secrets/shop/api-key"), "s3cr3t-value\n");
        Files.writeString(files.resolve("secrets/shop/odoo-db"), "postgres://odoo@db/odoo");
        driver = new KubernetesClusterDriver(new KubernetesDriverProperties("eyrie.local", Duration.ofMillis(10),
                Duration.ofSeconds(5), files.resolve("secrets")));
        cluster = new JobTarget.Cluster("double", apiServer, "kubeconfig:" + kubeconfig + "#double");
    }

    @AfterAll
    static void stop() {
        kube.close();
        server.destroy();
    }

    @Test
    void servesHttpApiServersOnly() {
        assertThat(driver.name()).isEqualTo("kubernetes");
        assertThat(driver.serves(cluster)).isTrue();
        assertThat(driver.serves(new JobTarget.Cluster("sim", "simulated://sim", "in-cluster"))).isFalse();
    }

    @Test
    void theNoneBooksCreateLabelledObjectsPauseAndDeleteThem() {
        Deploying shop = new Deploying("none", Map.of());

        shop.run("none.initialize");
        var namespace = kube.namespaces().withName(shop.namespace).get();
        assertThat(namespace.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "eyrie")
                .containsEntry("eyrie.io/deployment", shop.deploymentId);
        var secret = kube.secrets().inNamespace(shop.namespace).withName("shop-secrets").get();
        assertThat(new String(Base64.getDecoder().decode(secret.getData().get("web.API_KEY")), StandardCharsets.UTF_8))
                .isEqualTo("s3cr3t-value");
        assertThat(shop.details).noneMatch(detail -> detail.contains("s3cr3t"));

        shop.run("none.deploy");
        Deployment web = kube.apps().deployments().inNamespace(shop.namespace).withName("shop-web").get();
        assertThat(web.getSpec().getReplicas()).isEqualTo(2);
        assertThat(web.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage()).isEqualTo("shop:1.2");
        assertThat(web.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(web.getMetadata().getLabels()).containsEntry("app.kubernetes.io/instance", "shop")
                .containsEntry("app.kubernetes.io/part-of", "acme").containsEntry("app.kubernetes.io/managed-by", "eyrie");
        assertThat(web.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("eyrie.io/track", "main");
        var env = web.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv();
        assertThat(env.get(0).getValue()).isEqualTo("info\nkind: Namespace");
        assertThat(env.get(1).getValueFrom().getSecretKeyRef().getName()).isEqualTo("shop-secrets");
        assertThat(env.get(1).getValueFrom().getSecretKeyRef().getKey()).isEqualTo("web.API_KEY");
        assertThat(kube.services().inNamespace(shop.namespace).withName("shop-web").get().getSpec().getSelector())
                .containsEntry("eyrie.io/track", "main");
        assertThat(shop.waited).as("the rollout was waited for until the status said so").isPositive();

        shop.run("none.restart");
        Deployment restarted = kube.apps().deployments().inNamespace(shop.namespace).withName("shop-web").get();
        assertThat(restarted.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("eyrie.io/restarted-by-job", shop.jobId);
        assertThat(restarted.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage())
                .as("a restart changes nothing but the annotation").isEqualTo("shop:1.2");
        assertThat(restarted.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("eyrie.io/track", "main");

        shop.run("none.pause");
        assertThat(kube.apps().deployments().inNamespace(shop.namespace).withName("shop-web").get().getSpec()
                .getReplicas()).isZero();

        shop.run("none.deploy");
        assertThat(kube.apps().deployments().inNamespace(shop.namespace).withName("shop-web").get().getSpec()
                .getReplicas()).isEqualTo(2);

        shop.run("none.drop");
        assertThat(kube.apps().deployments().inNamespace(shop.namespace).list().getItems()).isEmpty();
        assertThat(kube.services().inNamespace(shop.namespace).list().getItems()).isEmpty();
        assertThat(kube.secrets().inNamespace(shop.namespace).list().getItems()).isEmpty();
        assertThat(kube.namespaces().withName(shop.namespace).get()).isNull();
    }

    @Test
    void theOdooBooksAddAnIngressAndRunTheModuleUpdateAsAJob() {
        Deploying erp = new Deploying("odoo", Map.of("database", "pgo://acme/erpdb", "modules", "sale,stock"));

        erp.run("odoo.initialize");
        erp.run("odoo.deploy");

        Deployment odoo = kube.apps().deployments().inNamespace(erp.namespace).withName("shop-web").get();
        assertThat(odoo.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv())
                .anySatisfy(variable -> assertThat(variable.getValueFrom().getSecretKeyRef().getName())
                        .isEqualTo("erpdb-pguser-erpdb"));
        assertThat(kube.network().v1().ingresses().inNamespace(erp.namespace).withName("shop-web").get()
                .getSpec().getRules().getFirst().getHost()).isEqualTo("shop." + erp.namespace + ".eyrie.local");
        var jobs = kube.batch().v1().jobs().inNamespace(erp.namespace).list().getItems();
        assertThat(jobs).singleElement().satisfies(job -> assertThat(job.getSpec().getTemplate().getSpec()
                .getContainers().getFirst().getArgs()).containsSequence("--update", "sale,stock"));

        erp.run("odoo.pause");
        assertThat(kube.apps().deployments().inNamespace(erp.namespace).withName("shop-web").get().getSpec()
                .getReplicas()).isZero();

        erp.run("odoo.drop");
        assertThat(kube.batch().v1().jobs().inNamespace(erp.namespace).list().getItems()).isEmpty();
        assertThat(kube.network().v1().ingresses().inNamespace(erp.namespace).list().getItems()).isEmpty();
    }

    @Test
    void theOdooBooksPutADatabaseSecretReferenceInTheDeploymentsSecret() {
        Deploying erp = new Deploying("odoo", Map.of("database", "secret://shop/odoo-db"));

        erp.run("odoo.initialize");

        var secret = kube.secrets().inNamespace(erp.namespace).withName("shop-secrets").get();
        assertThat(new String(Base64.getDecoder().decode(secret.getData().get("eyrie.database")), StandardCharsets.UTF_8))
                .isEqualTo("postgres://odoo@db/odoo");
        assertThat(erp.details).noneMatch(detail -> detail.contains("postgres://"));
    }

    @Test
    void thePgoBooksMakeAPostgresCluster() {
        Deploying db = new Deploying("pgo", Map.of("postgresVersion", "16", "storageSize", "5Gi", "instances", 2));

        db.run("pgo.initialize");

        GenericKubernetesResource postgres = kube.genericKubernetesResources(POSTGRES).inNamespace(db.namespace)
                .withName("shop").get();
        assertThat(postgres.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "eyrie");
        Map<String, Object> spec = postgres.get("spec");
        assertThat(spec).containsEntry("postgresVersion", 16);
        assertThat(postgres.<Object>get("spec", "instances", 0, "replicas")).isEqualTo(2);
        assertThat(postgres.<Object>get("spec", "instances", 0, "dataVolumeClaimSpec", "resources", "requests",
                "storage")).isEqualTo("5Gi");

        db.run("pgo.deploy");
        db.run("pgo.pause");
        db.run("pgo.drop");
        assertThat(kube.genericKubernetesResources(POSTGRES).inNamespace(db.namespace).list().getItems()).isEmpty();
    }

    @Test
    void thePxcBooksMakeAPerconaXtraDbCluster() {
        Deploying db = new Deploying("pxc", Map.of("mysqlVersion", "8.4", "size", 3));

        db.run("pxc.initialize");

        GenericKubernetesResource xtradb = kube.genericKubernetesResources(XTRADB).inNamespace(db.namespace)
                .withName("shop").get();
        assertThat(xtradb.<Object>get("spec", "pxc", "size")).isEqualTo(3);
        assertThat(xtradb.<Object>get("spec", "pxc", "image")).isEqualTo("percona/percona-xtradb-cluster:8.4");
        assertThat(xtradb.<Object>get("spec", "secretsName")).isEqualTo("shop-pxc-users");

        db.run("pxc.deploy");
        db.run("pxc.pause");
        db.run("pxc.drop");
        assertThat(kube.genericKubernetesResources(XTRADB).inNamespace(db.namespace).list().getItems()).isEmpty();
    }

    @Test
    void aRolloutPastItsProgressDeadlineFailsTheStepWithTheClustersReason() {
        Deploying broken = new Deploying("none", Map.of());
        broken.run("none.initialize");
        broken.step(StepKind.APPLY_MANIFEST, Map.of("template", "web"));

        Deployment web = kube.apps().deployments().inNamespace(broken.namespace).withName("shop-web").get();
        web.setStatus(new DeploymentStatusBuilder().withObservedGeneration(1L).withReplicas(2).withUpdatedReplicas(0)
                .withConditions(new DeploymentConditionBuilder().withType("Progressing").withStatus("False")
                        .withReason("ProgressDeadlineExceeded")
                        .withMessage("ReplicaSet \"shop-web-1\" has timed out progressing.").build())
                .build());
        kube.apps().deployments().inNamespace(broken.namespace).resource(web).updateStatus();

        assertThat(broken.once(StepKind.WAIT_FOR_ROLLOUT, Map.of())).isEqualTo(StepOutcome.failed(
                "Deployment shop-web exceeded its progress deadline: ReplicaSet \"shop-web-1\" has timed out progressing."));
    }

    @Test
    void aRolloutWaitsUntilEveryReplicaIsUpdatedAndAvailable() {
        Deploying slow = new Deploying("none", Map.of());
        slow.run("none.initialize");
        slow.step(StepKind.APPLY_MANIFEST, Map.of("template", "web"));

        Deployment web = kube.apps().deployments().inNamespace(slow.namespace).withName("shop-web").get();
        web.setStatus(new DeploymentStatusBuilder().withObservedGeneration(1L).withReplicas(1).withUpdatedReplicas(1)
                .withReadyReplicas(1).withAvailableReplicas(1).build());
        kube.apps().deployments().inNamespace(slow.namespace).resource(web).updateStatus();

        assertThat(slow.once(StepKind.WAIT_FOR_ROLLOUT, Map.of())).isEqualTo(StepOutcome.waiting(Duration.ofMillis(10),
                "Deployment shop-web: 1 of 2 replicas updated",
                new StepOutcome.Rollout(50, Map.of("web", JobState.RUNNING))));
    }

    @Test
    void aSecondTrackRunsBesideTheFirstAndTheServiceSwitchesToIt() {
        Deploying blueGreen = new Deploying("none", Map.of());
        blueGreen.run("none.initialize");
        blueGreen.run("none.deploy");

        assertThat(blueGreen.once(StepKind.SWITCH_SELECTOR, Map.of("track", "green"))).isEqualTo(
                StepOutcome.failed("no workload on track 'green' to send traffic to; apply it first"));

        blueGreen.step(StepKind.APPLY_MANIFEST, Map.of("template", "web", "track", "green", "strategy", "recreate"));
        Deployment green = kube.apps().deployments().inNamespace(blueGreen.namespace).withName("shop-web-green").get();
        assertThat(green.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(kube.apps().deployments().inNamespace(blueGreen.namespace).withName("shop-web").get()).isNotNull();

        blueGreen.step(StepKind.SWITCH_SELECTOR, Map.of("track", "green"));
        assertThat(kube.services().inNamespace(blueGreen.namespace).withName("shop-web").get().getSpec().getSelector())
                .containsEntry("eyrie.io/track", "green");

        blueGreen.step(StepKind.APPLY_MANIFEST, Map.of("template", "web"));
        assertThat(kube.services().inNamespace(blueGreen.namespace).withName("shop-web").get().getSpec().getSelector())
                .as("applying a workload again leaves the traffic where it was switched to")
                .containsEntry("eyrie.io/track", "green");
    }

    /**
     * Blue-green from the Book's steps: the new version on the idle track, ready before traffic moves, then the
     * Services switch at once and the old track goes. Twice, so blue and green change places; a rolling deploy
     * afterwards updates the live track in place.
     */
    @Test
    void blueGreenRunsTheNewVersionBesideTheOldThenSwitchesAndRemovesTheOld() {
        Deploying shop = new Deploying("none", Map.of());
        shop.run("none.initialize");
        shop.run("none.deploy");
        assertThat(shop.workload("shop-web")).isNotNull();

        shop.image("shop:2.0");
        shop.run("none.deploy-blue-green", 2);
        assertThat(shop.workload("shop-web-blue").getSpec().getTemplate().getSpec().getContainers().getFirst()
                .getImage()).isEqualTo("shop:2.0");
        assertThat(kube.services().inNamespace(shop.namespace).withName("shop-web").get().getSpec().getSelector())
                .as("no traffic reaches the new track before it is ready and switched to")
                .containsEntry("eyrie.io/track", "main");
        shop.run("none.deploy-blue-green");
        assertThat(kube.services().inNamespace(shop.namespace).withName("shop-web").get().getSpec().getSelector())
                .containsEntry("eyrie.io/track", "blue");
        assertThat(shop.workload("shop-web")).as("the old track is removed").isNull();

        shop.image("shop:3.0");
        shop.run("none.deploy-blue-green");
        assertThat(kube.services().inNamespace(shop.namespace).withName("shop-web").get().getSpec().getSelector())
                .containsEntry("eyrie.io/track", "green");
        assertThat(shop.workload("shop-web-blue")).isNull();
        assertThat(shop.workload("shop-web-green").getSpec().getTemplate().getSpec().getContainers().getFirst()
                .getImage()).isEqualTo("shop:3.0");

        shop.image("shop:3.1");
        shop.run("none.deploy");
        assertThat(shop.workload("shop-web-green").getSpec().getTemplate().getSpec().getContainers().getFirst()
                .getImage()).as("a rolling deploy updates the live track").isEqualTo("shop:3.1");
        assertThat(kube.apps().deployments().inNamespace(shop.namespace).list().getItems()).hasSize(1);
    }

    /**
     * Canary from the Book's steps: a pod of the new version beside the two live ones, checked through its own
     * Service before it gets requests; then the Services select both tracks (one canary pod of three: a third of the
     * requests), then half, then promotion rolls the live track and the canary goes.
     */
    @Test
    void aCanaryRunsBesideTheLiveTrackTakesItsShareOfRequestsAndIsPromoted() {
        Deploying shop = new Deploying("none", Map.of());
        shop.run("none.initialize");
        shop.run("none.deploy");
        shop.image("shop:2.0");

        shop.run("none.deploy-canary", 0, 2);
        assertThat(shop.workload("shop-web-canary").getSpec().getReplicas()).isEqualTo(1);
        assertThat(shop.workload("shop-web-canary").getSpec().getTemplate().getSpec().getContainers().getFirst()
                .getImage()).isEqualTo("shop:2.0");
        assertThat(shop.service("shop-web-canary").getSpec().getSelector()).containsEntry("eyrie.io/track", "canary");
        assertThat(shop.service("shop-web").getSpec().getSelector()).as("no request reaches the canary yet")
                .containsEntry("eyrie.io/track", "main");

        shop.run("none.deploy-canary", 2, 4);
        assertThat(ProxyingDispatcher.asked).contains("/api/v1/namespaces/" + shop.namespace
                + "/services/shop-web-canary:http/proxy/");
        assertThat(shop.service("shop-web").getSpec().getSelector()).as("the Service selects both tracks")
                .doesNotContainKey("eyrie.io/track").containsEntry("eyrie.io/service", "web");
        assertThat(shop.service("shop-web").getMetadata().getAnnotations()).containsEntry("eyrie.io/live-track", "main");
        assertThat(shop.details.getLast()).isEqualTo("web: 1 canary pod beside 2 live, 33% of requests (live track 'main')");

        shop.step(StepKind.HTTP_CHECK, Map.of("path", "/", "track", "canary"));
        StepOutcome half = shop.once(StepKind.SHIFT_TRAFFIC, Map.of("weight", "50"));
        assertThat(half).as("each service reports its own state while its canary grows")
                .isInstanceOfSatisfying(StepOutcome.Waiting.class, waiting -> {
                    assertThat(waiting.progress()).startsWith("canary at 50%: Deployment shop-web-canary");
                    assertThat(waiting.rollout().services()).containsExactly(Map.entry("web", JobState.RUNNING));
                });
        assertThat(shop.workload("shop-web-canary").getSpec().getReplicas()).isEqualTo(2);

        shop.run("none.deploy-canary", 6, Integer.MAX_VALUE);
        assertThat(shop.workload("shop-web").getSpec().getTemplate().getSpec().getContainers().getFirst().getImage())
                .as("promotion rolls the live track").isEqualTo("shop:2.0");
        assertThat(shop.service("shop-web").getSpec().getSelector()).containsEntry("eyrie.io/track", "main");
        assertThat(shop.service("shop-web").getMetadata().getAnnotations()).doesNotContainKey("eyrie.io/live-track");
        assertThat(shop.workload("shop-web-canary")).as("the canary is removed").isNull();
        assertThat(shop.service("shop-web-canary")).isNull();
    }

    /** A canary that fails its check is removed by the restore Book: all requests to the live track, which is blue. */
    @Test
    void aFailedCanaryIsRemovedAndTheLiveTrackServesAlone() {
        Deploying shop = new Deploying("none", Map.of());
        shop.run("none.initialize");
        shop.run("none.deploy-blue-green");
        shop.image("shop:2.0");
        shop.run("none.deploy-canary", 0, 4);
        assertThat(shop.service("shop-web").getMetadata().getAnnotations()).containsEntry("eyrie.io/live-track", "blue");

        ProxyingDispatcher.answers.put("shop-web-canary", 500);
        try {
            assertThat(shop.once(StepKind.HTTP_CHECK, Map.of("path", "/", "track", "canary"))).isEqualTo(
                    StepOutcome.waiting(Duration.ofMillis(10), "GET / on Service shop-web-canary answered 500"));
        } finally {
            ProxyingDispatcher.answers.remove("shop-web-canary");
        }

        shop.image("shop:1.2");
        shop.run("none.restore");
        assertThat(shop.service("shop-web").getSpec().getSelector()).containsEntry("eyrie.io/track", "blue");
        assertThat(shop.workload("shop-web-canary")).isNull();
        assertThat(shop.service("shop-web-canary")).isNull();
        assertThat(shop.workload("shop-web-blue").getSpec().getTemplate().getSpec().getContainers().getFirst()
                .getImage()).isEqualTo("shop:1.2");
        assertThat(kube.apps().deployments().inNamespace(shop.namespace).list().getItems()).hasSize(1);
    }

    /** Progress comes from the replica counts: half for the updated replicas, half for those of them available. */
    @Test
    void aRolloutReportsHowFarItHasComeAndEachServicesState() {
        Deploying shop = new Deploying("none", Map.of());
        shop.run("none.initialize");
        shop.step(StepKind.APPLY_MANIFEST, Map.of("template", "web"));
        Deployment web = shop.workload("shop-web");
        Long generation = web.getMetadata().getGeneration();
        web.setStatus(new DeploymentStatusBuilder().withObservedGeneration(generation == null ? 1L : generation)
                .withReplicas(2).withUpdatedReplicas(2).withReadyReplicas(1).withAvailableReplicas(1).build());
        kube.apps().deployments().inNamespace(shop.namespace).resource(web).updateStatus();

        StepOutcome outcome = shop.once(StepKind.WAIT_FOR_ROLLOUT, Map.of());
        assertThat(outcome).isInstanceOfSatisfying(StepOutcome.Waiting.class, waiting -> {
            assertThat(waiting.rollout().percent()).isEqualTo(75);
            assertThat(waiting.rollout().services()).containsExactly(Map.entry("web", JobState.RUNNING));
            assertThat(waiting.progress()).isEqualTo("Deployment shop-web: 1 of 2 replicas available");
        });
    }

    @Test
    void aRollingUpdateTakesItsSurgeAndUnavailability() {
        Deploying rolling = new Deploying("none", Map.of());
        rolling.run("none.initialize");
        rolling.step(StepKind.APPLY_MANIFEST, Map.of("template", "web", "maxSurge", "1", "maxUnavailable", "50%"));

        var update = kube.apps().deployments().inNamespace(rolling.namespace).withName("shop-web").get().getSpec()
                .getStrategy().getRollingUpdate();
        assertThat(update.getMaxSurge().getIntVal()).isEqualTo(1);
        assertThat(update.getMaxUnavailable().getStrVal()).isEqualTo("50%");
    }

    @Test
    void applyingTwiceUpdatesInPlace() {
        Deploying twice = new Deploying("none", Map.of());
        twice.run("none.initialize");

        assertThat(twice.once(StepKind.APPLY_MANIFEST, Map.of("template", "web")))
                .isEqualTo(StepOutcome.succeeded("created Deployment/shop-web, created Service/shop-web"));
        assertThat(twice.once(StepKind.APPLY_MANIFEST, Map.of("template", "web")))
                .isEqualTo(StepOutcome.succeeded("updated Deployment/shop-web, updated Service/shop-web"));
        assertThat(kube.apps().deployments().inNamespace(twice.namespace).list().getItems()).hasSize(1);
    }

    @Test
    void applyingAgainKeepsWhatOthersAdded() {
        Deploying kept = new Deploying("none", Map.of());
        kept.run("none.initialize");
        kube.namespaces().withName(kept.namespace).edit(namespace -> {
            namespace.getMetadata().getLabels().put("pod-security.kubernetes.io/enforce", "restricted");
            namespace.getMetadata().setAnnotations(Map.of("owner", "platform-team"));
            namespace.getMetadata().setFinalizers(List.of("example.com/cleanup"));
            return namespace;
        });

        kept.step(StepKind.ENSURE_NAMESPACE, Map.of());

        var namespace = kube.namespaces().withName(kept.namespace).get();
        assertThat(namespace.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "restricted")
                .containsEntry("app.kubernetes.io/managed-by", "eyrie");
        assertThat(namespace.getMetadata().getAnnotations()).containsEntry("owner", "platform-team");
        assertThat(namespace.getMetadata().getFinalizers()).containsExactly("example.com/cleanup");

    }

    @Test
    void aServiceNameStartsWithALetterWhateverTheDeploymentIsCalled() {
        Deploying numbered = new Deploying("none", Map.of());
        JobTarget target = new JobTarget("acme", numbered.namespace, "1shop", List.of(cluster),
                List.of(new Service("web", "shop:1.2", 1, List.of())), Map.of());
        StepRequest apply = new StepRequest(numbered.jobId, numbered.deploymentId, "test",
                new JobStep("apply", StepKind.APPLY_MANIFEST, Map.of("template", "web"), 1, 60), "shop:1.2",
                Instant.now(), target);
        driver.execute(new StepRequest(numbered.jobId, numbered.deploymentId, "test",
                new JobStep("ns", StepKind.ENSURE_NAMESPACE, Map.of(), 1, 60), "shop:1.2", Instant.now(), target), cluster);

        assertThat(driver.execute(apply, cluster)).isEqualTo(
                StepOutcome.succeeded("created Deployment/1shop-web, created Service/s-1shop-web"));
    }

    @Test
    void whatEyrieDidNotCreateIsLeftAlone() {
        Deploying careful = new Deploying("none", Map.of());
        kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(careful.namespace).endMetadata()
                .build()).create();

        assertThat(careful.once(StepKind.ENSURE_NAMESPACE, Map.of())).isEqualTo(StepOutcome.failed(
                "Namespace " + careful.namespace + " exists and was not created by Eyrie; Eyrie leaves it alone"));
        assertThat(careful.once(StepKind.DELETE_RESOURCES, Map.of("what", "namespace"))).isEqualTo(StepOutcome.failed(
                "Namespace " + careful.namespace + " exists and was not created by Eyrie; Eyrie leaves it alone"));
        assertThat(kube.namespaces().withName(careful.namespace).get()).isNotNull();
    }

    @Test
    void aSecretThatCannotBeReadFailsTheStepAndSaysWhy() {
        Deploying missing = new Deploying("none", Map.of(), List.of(new EnvVar("TOKEN", null, "secret://shop/nope")));
        missing.run("none.initialize", 1);

        assertThat(missing.once(StepKind.ENSURE_SECRET, Map.of())).isEqualTo(StepOutcome.failed(
                "secret secret://shop/nope is not in this runner's secret store"));

        Deploying vault = new Deploying("none", Map.of(), List.of(new EnvVar("TOKEN", null, "vault://kv/shop#token")));
        assertThat(vault.once(StepKind.ENSURE_SECRET, Map.of())).isEqualTo(StepOutcome.failed(
                "vault:// references are not supported by this runner yet: vault://kv/shop#token"));
    }

    @Test
    void aMissingKubeconfigContextFailsTheStep() {
        Deploying lost = new Deploying("none", Map.of());
        JobTarget.Cluster wrong = new JobTarget.Cluster("double", cluster.apiServer(),
                cluster.credentialsRef().replace("#double", "#elsewhere"));

        assertThat(driver.execute(lost.request(StepKind.ENSURE_NAMESPACE, Map.of()), wrong)).isEqualTo(
                StepOutcome.failed("the kubeconfig of cluster 'double' has no context 'elsewhere'"));
    }

    /**
     * The double has no service proxy: a GET through it answers 200, or what the test put in {@code answers} for the
     * Service; each path asked is kept.
     */
    static final class ProxyingDispatcher extends KubernetesCrudDispatcher {
        static final Map<String, Integer> answers = new java.util.concurrent.ConcurrentHashMap<>();
        static final List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        private static final java.util.regex.Pattern PROXY =
                java.util.regex.Pattern.compile("/api/v1/namespaces/[^/]+/services/([^/:]+):http/proxy.*");

        @Override
        public io.fabric8.mockwebserver.http.MockResponse dispatch(io.fabric8.mockwebserver.http.RecordedRequest request) {
            java.util.regex.Matcher proxied = PROXY.matcher(request.getPath());
            if (!proxied.matches()) {
                return super.dispatch(request);
            }
            asked.add(request.getPath());
            return new io.fabric8.mockwebserver.http.MockResponse()
                    .setResponseCode(answers.getOrDefault(proxied.group(1), 200)).setBody("checked");
        }
    }

    /** One deployment of the test, in a namespace of its own, which runs Books and plays the kubelet. */
    private static final class Deploying {
        final String deploymentId = UUID.randomUUID().toString();
        final String jobId = UUID.randomUUID().toString();
        final String namespace = "acme-" + deploymentId.substring(0, 8);
        JobTarget target;
        final List<String> details = new ArrayList<>();
        int waited;

        /** The same deployment, now running {@code image}. */
        void image(String image) {
            Service web = target.services().getFirst();
            target = new JobTarget(target.project(), target.namespace(), target.name(), target.clusters(),
                    List.of(new Service(web.name(), image, web.replicas(), web.env())), target.config());
        }

        Deployment workload(String name) {
            return kube.apps().deployments().inNamespace(namespace).withName(name).get();
        }

        Deploying(String type, Map<String, Object> config) {
            this(type, config, List.of(new EnvVar("LOG_LEVEL", "info\nkind: Namespace", null),
                    new EnvVar("API_KEY", null, "secret://shop/api-key")));
        }

        Deploying(String type, Map<String, Object> config, List<EnvVar> env) {
            this.target = new JobTarget("acme", namespace, "shop", List.of(cluster),
                    List.of(new Service("web", "shop:1.2", 2, env)), config);
        }

        void run(String book) {
            run(book, Integer.MAX_VALUE);
        }

        /** Runs the Book's first steps as the runner would: each again until it stops waiting. */
        void run(String book, int steps) {
            run(book, 0, steps);
        }

        void run(String book, int from, int to) {
            List<BookStep> all = StandardBooks.all().get(book).steps();
            for (BookStep step : all.subList(from, Math.min(to, all.size()))) {
                step(step.kind(), step.with());
            }
        }

        io.fabric8.kubernetes.api.model.Service service(String name) {
            return kube.services().inNamespace(namespace).withName(name).get();
        }

        void step(StepKind kind, Map<String, String> with) {
            for (int attempt = 0; attempt < 20; attempt++) {
                StepOutcome outcome = once(kind, with);
                switch (outcome) {
                    case StepOutcome.Succeeded succeeded -> {
                        details.add(succeeded.detail());
                        return;
                    }
                    case StepOutcome.Waiting waiting -> {
                        waited++;
                        playTheKubelet();
                    }
                    default -> throw new AssertionError(kind.wire() + " " + with + ": " + outcome);
                }
            }
            throw new AssertionError(kind.wire() + " never finished");
        }

        StepOutcome once(StepKind kind, Map<String, String> with) {
            return driver.execute(request(kind, with), cluster);
        }

        StepRequest request(StepKind kind, Map<String, String> with) {
            return new StepRequest(jobId, deploymentId, "test", new JobStep(kind.wire(), kind, with, 1, 60),
                    "shop:1.2", Instant.now(), target);
        }

        /** What a cluster's controllers would write: every workload rolled out, every Job complete. */
        void playTheKubelet() {
            for (Deployment deployment : kube.apps().deployments().inNamespace(namespace).list().getItems()) {
                int replicas = deployment.getSpec().getReplicas();
                Long generation = deployment.getMetadata().getGeneration();
                deployment.setStatus(new DeploymentStatusBuilder().withObservedGeneration(generation == null ? 1L : generation)
                        .withReplicas(replicas).withUpdatedReplicas(replicas).withReadyReplicas(replicas)
                        .withAvailableReplicas(replicas).build());
                kube.apps().deployments().inNamespace(namespace).resource(deployment).updateStatus();
            }
            for (var job : kube.batch().v1().jobs().inNamespace(namespace).list().getItems()) {
                job.setStatus(new JobStatusBuilder().withSucceeded(1).build());
                kube.batch().v1().jobs().inNamespace(namespace).resource(job).updateStatus();
            }
        }
    }
}
