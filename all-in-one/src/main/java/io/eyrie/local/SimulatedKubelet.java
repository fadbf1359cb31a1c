package io.eyrie.local;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays a cluster's controllers for the local API double: a Deployment's pods become ready, and a Job completes,
 * {@code readyAfter} after its spec was last written, unless one of its images is tagged {@code fail}, which
 * never becomes ready (the Deployment exceeds its progress deadline, the Job fails), and one tagged {@code slow}
 * keeps rolling out until its step times out. It writes status only, as a
 * merge patch of the status subresource, so it never undoes what the driver wrote. It also says how each Service
 * would answer through the API server's proxy: 503 while no pod behind it is ready, 500 when one runs an image
 * tagged {@code unhealthy} (which becomes ready, then fails its checks), 200 otherwise.
 */
final class SimulatedKubelet implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SimulatedKubelet.class);
    private static final Duration TICK = Duration.ofMillis(100);

    private final KubernetesClient client;
    private final Duration readyAfter;
    /** When each object's current spec was first seen, by object and spec; the status follows once it has aged. */
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> written = new ConcurrentHashMap<>();
    /** How each Service ({@code namespace/name}) answers through the proxy, for {@link LocalKubernetes}. */
    private final Map<String, Integer> answers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticks =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("simulated-kubelet").daemon().factory());

    private SimulatedKubelet(KubernetesClient client, Duration readyAfter) {
        this.client = client;
        this.readyAfter = readyAfter;
    }

    static SimulatedKubelet start(KubernetesClient client, Duration readyAfter) {
        SimulatedKubelet kubelet = new SimulatedKubelet(client, readyAfter);
        kubelet.ticks.scheduleWithFixedDelay(kubelet::tickSafely, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        return kubelet;
    }

    /** A tick that fails is logged and the next one tries again: nothing is lost, the status is just later. */
    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("The simulated kubelet could not update the local cluster; it tries again in {} ms", TICK.toMillis(), e);
        }
    }

    void tick() {
        Instant now = Instant.now();
        java.util.Set<String> present = new java.util.HashSet<>();
        List<Deployment> deployments = client.apps().deployments().inAnyNamespace().list().getItems();
        Map<Deployment, Integer> ready = new java.util.HashMap<>();
        for (Deployment deployment : deployments) {
            int replicas = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
            long generation = deployment.getMetadata().getGeneration() == null ? 1L : deployment.getMetadata().getGeneration();
            String key = key(deployment, deployment.getSpec());
            present.add(key);
            // An image tagged slow keeps rolling out until its step times out, as with the simulated driver.
            boolean aged = aged(key, now) && !tagged(deployment.getSpec().getTemplate().getSpec().getContainers(), "slow");
            String image = imageTagged(deployment.getSpec().getTemplate().getSpec().getContainers(), "fail");
            Map<String, Object> status;
            if (!aged) {
                status = Map.of("observedGeneration", generation, "replicas", replicas, "updatedReplicas", 0,
                        "readyReplicas", 0, "availableReplicas", 0);
            } else if (image != null && replicas > 0) {
                status = Map.of("observedGeneration", generation, "replicas", replicas, "updatedReplicas", replicas,
                        "readyReplicas", 0, "availableReplicas", 0, "conditions", List.of(Map.of(
                                "type", "Progressing", "status", "False", "reason", "ProgressDeadlineExceeded",
                                "message", "[simulated] image " + image + " cannot be pulled (ErrImagePull)")));
            } else {
                status = Map.of("observedGeneration", generation, "replicas", replicas, "updatedReplicas", replicas,
                        "readyReplicas", replicas, "availableReplicas", replicas);
            }
            // The double drops the status when the driver replaces a Deployment; then it is written again.
            boolean hasStatus = deployment.getStatus() != null && deployment.getStatus().getObservedGeneration() != null;
            if (!hasStatus || !status.equals(written.get(key))) {
                patchStatus(deployment, status);
                written.put(key, status);
            }
            ready.put(deployment, (Integer) status.get("readyReplicas"));
        }
        Map<String, Integer> proxied = new java.util.HashMap<>();
        for (io.fabric8.kubernetes.api.model.Service service : client.services().inAnyNamespace().list().getItems()) {
            proxied.put(service.getMetadata().getNamespace() + "/" + service.getMetadata().getName(), answer(service, ready));
        }
        answers.putAll(proxied);
        answers.keySet().retainAll(proxied.keySet());
        for (Job job : client.batch().v1().jobs().inAnyNamespace().list().getItems()) {
            String key = key(job, job.getSpec());
            present.add(key);
            if (!aged(key, now) || job.getStatus() != null && job.getStatus().getConditions() != null
                    && !job.getStatus().getConditions().isEmpty()) {
                continue;
            }
            String image = imageTagged(job.getSpec().getTemplate().getSpec().getContainers(), "fail");
            Map<String, Object> status = image == null
                    ? Map.of("succeeded", 1, "conditions", List.of(Map.of("type", "Complete", "status", "True")))
                    : Map.of("failed", 1, "conditions", List.of(Map.of("type", "Failed", "status", "True",
                    "reason", "BackoffLimitExceeded", "message", "[simulated] image " + image + " cannot be pulled")));
            patchStatus(job, status);
        }
        seen.keySet().retainAll(present);
        written.keySet().retainAll(present);
    }

    /** How a Service would answer through the API server's proxy; null when there is no such Service. */
    Integer answer(String namespace, String service) {
        return answers.get(namespace + "/" + service);
    }

    private static int answer(io.fabric8.kubernetes.api.model.Service service, Map<Deployment, Integer> ready) {
        Map<String, String> selector = service.getSpec() == null || service.getSpec().getSelector() == null ? Map.of()
                : service.getSpec().getSelector();
        boolean any = false;
        for (Map.Entry<Deployment, Integer> entry : ready.entrySet()) {
            Deployment deployment = entry.getKey();
            Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata() == null ? null
                    : deployment.getSpec().getTemplate().getMetadata().getLabels();
            if (!service.getMetadata().getNamespace().equals(deployment.getMetadata().getNamespace()) || labels == null
                    || !labels.entrySet().containsAll(selector.entrySet()) || entry.getValue() == 0) {
                continue;
            }
            if (tagged(deployment.getSpec().getTemplate().getSpec().getContainers(), "unhealthy")) {
                return 500;
            }
            any = true;
        }
        return any ? 200 : 503;
    }

    private String key(HasMetadata object, Object spec) {
        return object.getKind() + "/" + object.getMetadata().getNamespace() + "/" + object.getMetadata().getName()
                + "/" + client.getKubernetesSerialization().asJson(spec).hashCode();
    }

    private boolean aged(String key, Instant now) {
        return !seen.computeIfAbsent(key, k -> now).plus(readyAfter).isAfter(now);
    }

    private void patchStatus(HasMetadata object, Map<String, Object> status) {
        String patch = client.getKubernetesSerialization().asJson(Map.of("status", status));
        if (object instanceof Deployment deployment) {
            client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
                    .withName(deployment.getMetadata().getName()).subresource("status")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        } else if (object instanceof Job job) {
            client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace())
                    .withName(job.getMetadata().getName()).subresource("status")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        }
    }

    private static String imageTagged(List<Container> containers, String tag) {
        return containers.stream().map(Container::getImage).filter(Objects::nonNull)
                .filter(image -> image.endsWith(":" + tag)).findFirst().orElse(null);
    }

    private static boolean tagged(List<Container> containers, String tag) {
        return imageTagged(containers, tag) != null;
    }

    @Override
    public void close() {
        ticks.shutdownNow();
    }
}
