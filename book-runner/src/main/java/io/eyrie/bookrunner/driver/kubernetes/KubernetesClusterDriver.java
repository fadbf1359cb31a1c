package io.eyrie.bookrunner.driver.kubernetes;

import com.google.gson.JsonObject;
import io.eyrie.api.book.BookTemplates;
import io.eyrie.api.book.JobState;
import io.eyrie.api.book.JobTarget;
import io.eyrie.api.book.StepRules;
import io.eyrie.api.deployment.EnvVar;
import io.eyrie.api.deployment.Service;
import io.eyrie.bookrunner.driver.ClusterDriver;
import io.eyrie.bookrunner.driver.PodUsage;
import io.eyrie.bookrunner.driver.StepOutcome;
import io.eyrie.bookrunner.driver.StepRequest;
import io.eyrie.job.manifests.ManifestException;
import io.eyrie.job.manifests.Manifests;
import io.eyrie.job.manifests.ResourceKinds;
import io.eyrie.job.manifests.TemplateContext;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.Pair;
import okhttp3.Call;
import okhttp3.Response;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries out Book steps on a Kubernetes cluster through the official client. Every step is an "ensure": it
 * reads what is there and creates or replaces it, so a step tried again, or resumed by another runner, is safe.
 * A step that waits reads the status again on the next call and holds no thread in between.
 */
@Component
public class KubernetesClusterDriver implements ClusterDriver {
    private final KubernetesDriverProperties properties;
    private final ClusterClients clients;
    private final SecretStore secrets;
    /** Env variable names have no dot, so this key is the database's alone. */
    static final String DATABASE_KEY = "eyrie.database";
    private static final com.google.gson.Gson GSON = new com.google.gson.Gson();
    private final Manifests manifests = new Manifests();

    private static final String SERVICE_LABEL = "eyrie.io/service";
    private static final String LIVE = "live";
    private static final String IDLE = "idle";

    /** While the Services select both the live track and the canary, which of the two is the live one. */
    static final String LIVE_TRACK = "eyrie.io/live-track";

    /** The pod-template annotation a restart sets. */
    static final String RESTARTED_BY = "eyrie.io/restarted-by-job";

    public KubernetesClusterDriver(KubernetesDriverProperties properties) {
        this.properties = properties;
        this.secrets = new SecretStore(properties.secretsDirectory());
        this.clients = new ClusterClients(secrets, properties.requestTimeout());
    }

    @Override
    public String name() {
        return "kubernetes";
    }

    @Override
    public boolean serves(JobTarget.Cluster cluster) {
        return cluster.apiServer().startsWith("https://") || cluster.apiServer().startsWith("http://");
    }

    @Override
    public StepOutcome execute(StepRequest request, JobTarget.Cluster cluster) {
        try {
            KubeApi api = clients.of(cluster);
            Map<String, String> with = request.step().with();
            return switch (request.step().kind()) {
                case ENSURE_NAMESPACE -> ensureNamespace(api, request);
                case ENSURE_SECRET -> ensureSecret(api, request);
                case APPLY_MANIFEST -> apply(api, request, with.get("template"));
                case WAIT_FOR_ROLLOUT -> waitForRollout(api, request,
                        with.containsKey("replicas") ? Integer.valueOf(with.get("replicas")) : null,
                        with.containsKey("track") ? track(api, request, with.get("track")) : null);
                case SCALE -> scale(api, request, Integer.parseInt(with.get("replicas")));
                case RESTART_WORKLOAD -> restart(api, request);
                case DELETE_RESOURCES -> switch (with.get("what")) {
                    case "namespace" -> deleteNamespace(api, request);
                    case "other-tracks" -> deleteOtherTracks(api, request);
                    default -> deleteWorkload(api, request);
                };
                case RUN_JOB -> runJob(api, request, with.get("template"));
                case SWITCH_SELECTOR -> switchSelector(api, request, track(api, request, with.get("track")));
                case SHIFT_TRAFFIC -> shiftTraffic(api, request, Integer.parseInt(with.get("weight")));
                case HTTP_CHECK -> httpCheck(api, request, with.get("path"), with.get("track"));
            };
        } catch (KubeApi.StepStopped stopped) {
            return stopped.outcome;
        } catch (ManifestException unusable) {
            return StepOutcome.failed(unusable.getMessage());
        }
    }

    /** Resource monitors: what the target's pods use of their limits, from {@code metrics.k8s.io}. */
    @Override
    public List<PodUsage> podUsage(JobTarget target, JobTarget.Cluster cluster) {
        try {
            return PodMetrics.of(clients.of(cluster), target);
        } catch (KubeApi.StepStopped stopped) {
            throw new IllegalStateException(switch (stopped.outcome) {
                case StepOutcome.Failed failed -> failed.error();
                case StepOutcome.Retryable retryable -> retryable.error();
                default -> stopped.getMessage();
            });
        }
    }

    private StepOutcome ensureNamespace(KubeApi api, StepRequest request) {
        return StepOutcome.succeeded(ensure(api, labelled(ResourceKinds.NAMESPACE, request.target().namespace(),
                request, "namespace")));
    }

    /** The deployment's Secret, with each secret reference's value; only the number of keys is reported. */
    private StepOutcome ensureSecret(KubeApi api, StepRequest request) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Service service : services(request)) {
            for (EnvVar env : service.env() == null ? List.<EnvVar>of() : service.env()) {
                if (env.secretRef() != null) {
                    values.put(secretKey(service, env), secrets.read(env.secretRef()));
                }
            }
        }
        Object database = request.target().config().get("database");
        if (database instanceof String reference && !reference.startsWith("pgo://")) {
            values.put(DATABASE_KEY, secrets.read(reference));
        }
        JsonObject data = new JsonObject();
        values.forEach((key, value) -> data.addProperty(key,
                Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        Manifests.Rendered secret = labelled(ResourceKinds.SECRET, secretName(request), request, "secrets");
        secret.object().addProperty("type", "Opaque");
        secret.object().add("data", data);
        return StepOutcome.succeeded(ensure(api, secret)
                + " with " + values.size() + (values.size() == 1 ? " key" : " keys") + " (values not shown)");
    }

    private StepOutcome apply(KubeApi api, StepRequest request, String template) {
        List<String> done = new ArrayList<>();
        for (Manifests.Rendered object : render(api, request, template, Map.of())) {
            done.add(ensure(api, object));
        }
        return StepOutcome.succeeded(done.isEmpty() ? "template '" + template + "' made nothing to apply"
                : String.join(", ", done));
    }

    private StepOutcome waitForRollout(KubeApi api, StepRequest request, Integer replicas, String track) {
        List<JsonObject> deployments = api.list(ResourceKinds.DEPLOYMENT, request.target().namespace(),
                Manifests.selector(request.deploymentId()) + (track == null ? "" : "," + Manifests.TRACK_LABEL + "=" + track));
        if (deployments.isEmpty()) {
            return replicas != null && replicas == 0 ? StepOutcome.succeeded("no Deployment is running")
                    : StepOutcome.failed("no Deployment of this deployment in namespace "
                    + request.target().namespace() + " to wait for; apply its workload first");
        }
        List<String> done = new ArrayList<>();
        String pending = null;
        int percent = 0;
        Map<String, JobState> services = new java.util.TreeMap<>();
        Map<String, Integer> ran = new HashMap<>();
        services(request).forEach(service -> ran.put(Manifests.dnsLabel(service.name()), service.replicas()));
        for (JsonObject deployment : deployments) {
            String service = serviceOf(deployment);
            percent += Rollouts.percent(deployment, replicas, ran.getOrDefault(service, 1));
            switch (Rollouts.deployment(deployment, replicas)) {
                case Rollouts.Stuck stuck -> {
                    return StepOutcome.failed(stuck.error());
                }
                case Rollouts.Pending waiting -> {
                    pending = waiting.progress();
                    services.put(service, JobState.RUNNING);
                }
                case Rollouts.Done finished -> {
                    done.add(finished.detail());
                    services.putIfAbsent(service, JobState.SUCCEEDED);
                }
            }
        }
        return pending != null ? StepOutcome.waiting(properties.pollInterval(), pending,
                new StepOutcome.Rollout(percent / deployments.size(), services))
                : StepOutcome.succeeded(String.join("; ", done));
    }

    /** The service of the deployment a workload runs, as its label names it (blue and green share one). */
    private static String serviceOf(JsonObject deployment) {
        JsonObject labels = deployment.getAsJsonObject("metadata").getAsJsonObject("labels");
        return labels != null && labels.has(SERVICE_LABEL) ? labels.get(SERVICE_LABEL).getAsString()
                : Manifests.name(deployment);
    }

    /** A merge patch of the replicas: the {@code /scale} subresource would do, but not every API double serves it. */
    private StepOutcome scale(KubeApi api, StepRequest request, int replicas) {
        List<String> scaled = new ArrayList<>();
        for (JsonObject deployment : api.list(ResourceKinds.DEPLOYMENT, request.target().namespace(),
                Manifests.selector(request.deploymentId()))) {
            api.mergePatch(ResourceKinds.DEPLOYMENT, request.target().namespace(), Manifests.name(deployment),
                    patch("spec", "replicas", replicas));
            scaled.add("Deployment/" + Manifests.name(deployment));
        }
        return StepOutcome.succeeded(scaled.isEmpty() ? "no Deployment to scale"
                : "scaled " + String.join(", ", scaled) + " to " + replicas);
    }

    /**
     * What {@code kubectl rollout restart} does: a new pod-template annotation makes the Deployment replace its pods
     * under its own strategy. The annotation names the job, so a retried step restarts nothing twice.
     */
    private StepOutcome restart(KubeApi api, StepRequest request) {
        List<String> restarted = new ArrayList<>();
        for (JsonObject deployment : api.list(ResourceKinds.DEPLOYMENT, request.target().namespace(),
                Manifests.selector(request.deploymentId()))) {
            JsonObject annotations = new JsonObject();
            annotations.addProperty(RESTARTED_BY, request.jobId());
            JsonObject metadata = new JsonObject();
            metadata.add("annotations", annotations);
            JsonObject template = new JsonObject();
            template.add("metadata", metadata);
            api.mergePatch(ResourceKinds.DEPLOYMENT, request.target().namespace(), Manifests.name(deployment),
                    patch("spec", "template", template));
            restarted.add("Deployment/" + Manifests.name(deployment));
        }
        return restarted.isEmpty() ? StepOutcome.failed("no Deployment of this deployment in namespace "
                + request.target().namespace() + " to restart; deploy it first")
                : StepOutcome.succeeded("restarted the pods of " + String.join(", ", restarted));
    }

    /** Only what carries Eyrie's labels for this deployment, whatever Book created it. */
    private StepOutcome deleteWorkload(KubeApi api, StepRequest request) {
        List<String> deleted = new ArrayList<>();
        for (ResourceKinds kind : ResourceKinds.WORKLOAD) {
            for (JsonObject object : api.list(kind, request.target().namespace(),
                    Manifests.selector(request.deploymentId()))) {
                if (api.delete(kind, request.target().namespace(), Manifests.name(object))) {
                    deleted.add(kind.kind + "/" + Manifests.name(object));
                }
            }
        }
        return StepOutcome.succeeded(deleted.isEmpty() ? "nothing of this deployment was left to delete"
                : "deleted " + String.join(", ", deleted));
    }

    /** After blue-green's switch: every Deployment of this deployment that no Service sends traffic to. */
    private StepOutcome deleteOtherTracks(KubeApi api, StepRequest request) {
        String live = track(api, request, LIVE);
        List<String> deleted = new ArrayList<>();
        for (JsonObject deployment : api.list(ResourceKinds.DEPLOYMENT, request.target().namespace(),
                Manifests.selector(request.deploymentId()))) {
            if (live.equals(trackOf(deployment))) {
                continue;
            }
            if (api.delete(ResourceKinds.DEPLOYMENT, request.target().namespace(), Manifests.name(deployment))) {
                deleted.add("Deployment/" + Manifests.name(deployment));
            }
        }
        // A canary's own Service, which its checks went through.
        for (JsonObject service : api.list(ResourceKinds.SERVICE, request.target().namespace(),
                Manifests.selector(request.deploymentId()))) {
            String track = trackOf(service);
            if (track != null && !live.equals(track)
                    && api.delete(ResourceKinds.SERVICE, request.target().namespace(), Manifests.name(service))) {
                deleted.add("Service/" + Manifests.name(service));
            }
        }
        return StepOutcome.succeeded(deleted.isEmpty() ? "no track but '" + live + "' was left"
                : "deleted " + String.join(", ", deleted) + "; track '" + live + "' serves");
    }

    /**
     * {@code live}: the track the deployment's Services send traffic to, {@code main} while it has none; {@code idle}:
     * the other one of blue and green. Read when the step runs, so after a switch they have changed places.
     */
    private String track(KubeApi api, StepRequest request, String wanted) {
        if (wanted == null || (!LIVE.equals(wanted) && !IDLE.equals(wanted))) {
            return wanted == null ? track(api, request, LIVE) : wanted;
        }
        String live = "main";
        for (JsonObject service : trafficServices(api, request)) {
            JsonObject selector = selector(service);
            JsonObject annotations = service.getAsJsonObject("metadata").getAsJsonObject("annotations");
            if (selector != null && selector.has(Manifests.TRACK_LABEL)) {
                live = selector.get(Manifests.TRACK_LABEL).getAsString();
                break;
            }
            if (annotations != null && annotations.has(LIVE_TRACK)) {
                live = annotations.get(LIVE_TRACK).getAsString();
                break;
            }
        }
        return LIVE.equals(wanted) ? live : "blue".equals(live) ? "green" : "blue";
    }

    /** Deleting a namespace takes a while on a real cluster: the step waits until it is gone. */
    private StepOutcome deleteNamespace(KubeApi api, StepRequest request) {
        String name = request.target().namespace();
        var found = api.get(ResourceKinds.NAMESPACE, null, name);
        if (found.isEmpty()) {
            return StepOutcome.succeeded("namespace " + name + " is gone");
        }
        requireEyries(ResourceKinds.NAMESPACE, found.get());
        JsonObject metadata = found.get().getAsJsonObject("metadata");
        if (metadata.has("deletionTimestamp")) {
            return StepOutcome.waiting(properties.pollInterval(), "namespace " + name + " is terminating");
        }
        api.delete(ResourceKinds.NAMESPACE, null, name);
        return StepOutcome.waiting(properties.pollInterval(), "namespace " + name + " is being deleted");
    }

    /** The Job is named after the job that runs it, so a resumed step finds the Job it started, never a second. */
    private StepOutcome runJob(KubeApi api, StepRequest request, String template) {
        // And after the step, so that two run-job steps of one Book with the same template run two Jobs.
        String jobName = Manifests.dnsLabel(request.target().name() + "-" + template + "-"
                + request.jobId().substring(0, Math.min(8, request.jobId().length())) + "-"
                + Integer.toHexString(request.step().name().hashCode() & 0xfffff));
        List<Manifests.Rendered> objects = render(api, request, template, Map.of("jobName", jobName));
        for (Manifests.Rendered object : objects) {
            if (api.get(object.kind(), request.target().namespace(), object.name()).isEmpty()) {
                api.create(object.kind(), object.object());
            }
        }
        JsonObject job = api.get(ResourceKinds.JOB, request.target().namespace(), jobName)
                .orElseThrow(() -> new KubeApi.StepStopped(StepOutcome.retryable("Job " + jobName
                        + " was created but cannot be read yet")));
        return switch (Rollouts.job(job)) {
            case Rollouts.Done done -> StepOutcome.succeeded(done.detail());
            case Rollouts.Pending pending -> StepOutcome.waiting(properties.pollInterval(), pending.progress());
            case Rollouts.Stuck stuck -> StepOutcome.failed(stuck.error());
        };
    }

    /** Points every Service of the deployment at one track, once a workload on that track exists. */
    private StepOutcome switchSelector(KubeApi api, StepRequest request, String track) {
        String namespace = request.target().namespace();
        String selector = Manifests.selector(request.deploymentId());
        if (api.list(ResourceKinds.DEPLOYMENT, namespace, selector + "," + Manifests.TRACK_LABEL + "=" + track).isEmpty()) {
            return StepOutcome.failed("no workload on track '" + track + "' to send traffic to; apply it first");
        }
        List<String> switched = new ArrayList<>();
        for (JsonObject service : trafficServices(api, request)) {
            com.google.gson.JsonArray patch = new com.google.gson.JsonArray();
            patch.add(operation("add", "/spec/selector/" + pointer(Manifests.TRACK_LABEL), track));
            JsonObject annotations = service.getAsJsonObject("metadata").getAsJsonObject("annotations");
            if (annotations != null && annotations.has(LIVE_TRACK)) {
                patch.add(operation("remove", "/metadata/annotations/" + pointer(LIVE_TRACK), null));
            }
            api.jsonPatch(ResourceKinds.SERVICE, namespace, Manifests.name(service), patch);
            switched.add("Service/" + Manifests.name(service));
        }
        return switched.isEmpty() ? StepOutcome.failed("the deployment has no Service to switch")
                : StepOutcome.succeeded(String.join(", ", switched) + " now send traffic to track '" + track + "'");
    }

    /**
     * Replica-weighted traffic: the canary's pods scaled to their share beside the live track's, and the Services
     * selecting both tracks, remembering which is live. It waits until the canary's pods are ready; requests reach
     * only ready pods, so none is sent to a canary pod that cannot answer yet.
     */
    private StepOutcome shiftTraffic(KubeApi api, StepRequest request, int weight) {
        String namespace = request.target().namespace();
        String live = track(api, request, LIVE);
        List<JsonObject> canaries = api.list(ResourceKinds.DEPLOYMENT, namespace, Manifests.selector(request.deploymentId())
                + "," + Manifests.TRACK_LABEL + "=" + StepRules.CANARY);
        if (canaries.isEmpty()) {
            return StepOutcome.failed("no workload on track 'canary' to send requests to; apply it first");
        }
        Map<String, Integer> liveReplicas = new HashMap<>();
        services(request).forEach(service -> liveReplicas.put(Manifests.dnsLabel(service.name()), service.replicas()));
        List<String> shares = new ArrayList<>();
        for (JsonObject canary : canaries) {
            int beside = liveReplicas.getOrDefault(serviceOf(canary), 1);
            int pods = TemplateContext.canaryReplicas(beside, weight);
            JsonObject spec = canary.getAsJsonObject("spec");
            if (spec == null || !spec.has("replicas") || spec.get("replicas").getAsInt() != pods) {
                api.mergePatch(ResourceKinds.DEPLOYMENT, namespace, Manifests.name(canary), patch("spec", "replicas", pods));
            }
            shares.add(serviceOf(canary) + ": " + pods + " canary " + (pods == 1 ? "pod" : "pods") + " beside " + beside
                    + " live, " + Math.round(100.0 * pods / (pods + beside)) + "% of requests");
        }
        for (JsonObject service : trafficServices(api, request)) {
            JsonObject selector = selector(service);
            if (selector != null && selector.has(Manifests.TRACK_LABEL)) {
                // One patch, so the Service never selects both tracks without saying which one is live.
                com.google.gson.JsonArray patch = new com.google.gson.JsonArray();
                JsonObject annotations = service.getAsJsonObject("metadata").getAsJsonObject("annotations");
                if (annotations == null) {
                    patch.add(operation("add", "/metadata/annotations", Map.of(LIVE_TRACK, live)));
                } else {
                    patch.add(operation("add", "/metadata/annotations/" + pointer(LIVE_TRACK), live));
                }
                patch.add(operation("remove", "/spec/selector/" + pointer(Manifests.TRACK_LABEL), null));
                api.jsonPatch(ResourceKinds.SERVICE, namespace, Manifests.name(service), patch);
            }
        }
        StepOutcome ready = waitForRollout(api, request, null, StepRules.CANARY);
        String share = String.join("; ", shares);
        return switch (ready) {
            case StepOutcome.Succeeded ignored -> StepOutcome.succeeded(share + " (live track '" + live + "')");
            case StepOutcome.Waiting waiting -> StepOutcome.waiting(waiting.checkAgainIn(),
                    "canary at " + weight + "%: " + waiting.progress(), waiting.rollout());
            default -> ready;
        };
    }

    /** The Services that receive the deployment's requests; a canary's own Service carries its track and is not one. */
    private static List<JsonObject> trafficServices(KubeApi api, StepRequest request) {
        return api.list(ResourceKinds.SERVICE, request.target().namespace(), Manifests.selector(request.deploymentId()))
                .stream().filter(service -> trackOf(service) == null).toList();
    }

    /** The track an object's label names, or null. */
    private static String trackOf(JsonObject object) {
        JsonObject labels = object.getAsJsonObject("metadata").getAsJsonObject("labels");
        return labels != null && labels.has(Manifests.TRACK_LABEL) ? labels.get(Manifests.TRACK_LABEL).getAsString() : null;
    }

    private static JsonObject selector(JsonObject service) {
        JsonObject spec = service.getAsJsonObject("spec");
        return spec == null ? null : spec.getAsJsonObject("selector");
    }

    /**
     * A GET through the API server's service proxy, so the runner needs no route into the cluster's network. Until
     * it answers 2xx the step waits; its deadline ends it.
     */
    private StepOutcome httpCheck(KubeApi api, StepRequest request, String path, String track) {
        String namespace = request.target().namespace();
        List<String> passed = new ArrayList<>();
        List<JsonObject> checked = track == null ? trafficServices(api, request)
                : api.list(ResourceKinds.SERVICE, namespace, Manifests.selector(request.deploymentId()) + ","
                + Manifests.TRACK_LABEL + "=" + track);
        for (JsonObject service : checked) {
            String name = Manifests.name(service);
            String query = path.contains("?") ? path.substring(path.indexOf('?') + 1) : "";
            String proxied = "/api/v1/namespaces/" + namespace + "/services/" + name + ":http/proxy"
                    + (path.contains("?") ? path.substring(0, path.indexOf('?')) : path);
            List<Pair> parameters = new ArrayList<>();
            for (String parameter : query.isEmpty() ? new String[0] : query.split("&")) {
                int equals = parameter.indexOf('=');
                parameters.add(equals < 0 ? new Pair(parameter, "")
                        : new Pair(parameter.substring(0, equals), parameter.substring(equals + 1)));
            }
            try {
                Call call = api.client().buildCall(null, proxied, "GET", parameters, List.of(), null,
                        new HashMap<>(), new HashMap<>(), new HashMap<>(), new String[]{"BearerToken"}, null);
                try (Response response = call.execute()) {
                    String type = response.header("Content-Type", "");
                    if ((response.code() == 401 || response.code() == 403 || response.code() == 404)
                            && type.startsWith("application/json") && response.body() != null
                            && response.body().string().contains("\"kind\":\"Status\"")) {
                        // The API server itself refused: waiting would not change that.
                        return StepOutcome.failed("the API server refused GET " + path + " through the proxy of Service "
                                + name + " (" + response.code() + "); the runner needs get on services/proxy");
                    }
                    if (!response.isSuccessful()) {
                        return StepOutcome.waiting(properties.pollInterval(), "GET " + path + " on Service " + name
                                + " answered " + response.code());
                    }
                }
            } catch (IOException e) {
                return StepOutcome.waiting(properties.pollInterval(), "GET " + path + " on Service " + name
                        + " did not answer: " + e.getMessage());
            } catch (ApiException e) {
                return StepOutcome.failed("GET " + path + " on Service " + name + " could not be sent: " + e.getMessage());
            }
            passed.add("Service/" + name);
        }
        return passed.isEmpty() ? StepOutcome.failed(track == null ? "the deployment has no Service to check"
                : "the deployment has no Service on track '" + track + "' to check; apply it first")
                : StepOutcome.succeeded("GET " + path + " answered 2xx on " + String.join(", ", passed));
    }

    /** Get, then create or replace: safe to repeat, and it never takes over what Eyrie did not create. */
    private String ensure(KubeApi api, Manifests.Rendered wanted) {
        ResourceKinds kind = wanted.kind();
        JsonObject object = wanted.object();
        String namespace = kind.namespaced ? object.getAsJsonObject("metadata").get("namespace").getAsString() : null;
        var existing = api.get(kind, namespace, wanted.name());
        if (existing.isEmpty()) {
            api.create(kind, object);
            return "created " + kind.kind + "/" + wanted.name();
        }
        requireEyries(kind, existing.get());
        JsonObject current = existing.get();
        JsonObject metadata = current.getAsJsonObject("metadata");
        if (metadata.has("deletionTimestamp")) {
            // Still going from an earlier drop: replacing it now would be refused, or undone, by its deletion.
            throw new KubeApi.StepStopped(StepOutcome.waiting(properties.pollInterval(),
                    kind.kind + " " + wanted.name() + " is still being deleted"));
        }
        JsonObject wantedMetadata = object.getAsJsonObject("metadata");
        if (metadata.has("resourceVersion")) {
            wantedMetadata.add("resourceVersion", metadata.get("resourceVersion"));
        }
        // What others put there stays: operators' finalizers, annotations, labels that are not Eyrie's.
        for (String field : List.of("finalizers", "annotations", "ownerReferences")) {
            if (metadata.has(field) && !wantedMetadata.has(field)) {
                wantedMetadata.add(field, metadata.get(field));
            }
        }
        if (metadata.has("labels") && metadata.get("labels").isJsonObject()) {
            JsonObject labels = metadata.getAsJsonObject("labels").deepCopy();
            if (wantedMetadata.has("labels")) {
                wantedMetadata.getAsJsonObject("labels").entrySet().forEach(label -> labels.add(label.getKey(), label.getValue()));
            }
            wantedMetadata.add("labels", labels);
        }
        if (kind == ResourceKinds.SERVICE && current.has("spec")) {
            // The cluster IP is the cluster's to choose, and it cannot change.
            JsonObject spec = current.getAsJsonObject("spec");
            for (String field : List.of("clusterIP", "clusterIPs")) {
                if (spec.has(field)) {
                    object.getAsJsonObject("spec").add(field, spec.get(field));
                }
            }
            // Which track gets the traffic is switch-selector's to say; applying a workload leaves it as it is.
            JsonObject selector = spec.has("selector") ? spec.getAsJsonObject("selector") : null;
            JsonObject desired = object.getAsJsonObject("spec").getAsJsonObject("selector");
            if (selector != null && desired != null && trackOf(current) == null) {
                if (selector.has(Manifests.TRACK_LABEL)) {
                    desired.add(Manifests.TRACK_LABEL, selector.get(Manifests.TRACK_LABEL));
                } else {
                    // A canary shares the requests: the Service selects every track until the canary is done.
                    desired.remove(Manifests.TRACK_LABEL);
                }
            }
        }
        api.replace(kind, object);
        return "updated " + kind.kind + "/" + wanted.name();
    }

    private static void requireEyries(ResourceKinds kind, JsonObject existing) {
        JsonObject metadata = existing.getAsJsonObject("metadata");
        JsonObject labels = metadata == null ? null : metadata.getAsJsonObject("labels");
        if (labels == null || !labels.has(Manifests.MANAGED_BY) || !"eyrie".equals(labels.get(Manifests.MANAGED_BY).getAsString())) {
            throw new KubeApi.StepStopped(StepOutcome.failed(kind.kind + " " + Manifests.name(existing)
                    + " exists and was not created by Eyrie; Eyrie leaves it alone"));
        }
    }

    private List<Manifests.Rendered> render(KubeApi api, StepRequest request, String template,
                                            Map<String, Object> extra) {
        Map<String, Object> context = new HashMap<>(context(api, request, template));
        context.putAll(extra);
        return manifests.render(template, context, labels(request, template), request.target().namespace());
    }

    /** An object Eyrie makes itself, not from a template: its kind, name, namespace and Eyrie's labels. */
    private static Manifests.Rendered labelled(ResourceKinds kind, String name, StepRequest request, String application) {
        JsonObject object = new JsonObject();
        object.addProperty("apiVersion", kind.apiVersion());
        object.addProperty("kind", kind.kind);
        JsonObject metadata = new JsonObject();
        metadata.addProperty("name", name);
        if (kind.namespaced) {
            metadata.addProperty("namespace", request.target().namespace());
        }
        JsonObject labels = new JsonObject();
        labels(request, application).forEach(labels::addProperty);
        metadata.add("labels", labels);
        object.add("metadata", metadata);
        return new Manifests.Rendered(kind, object);
    }

    private static Map<String, String> labels(StepRequest request, String application) {
        return Manifests.labels(application, request.target().name(), request.target().project(),
                request.deploymentId());
    }

    /** What a template may use: see {@link TemplateContext}; a workload goes to the track its step names. */
    private Map<String, Object> context(KubeApi api, StepRequest request, String template) {
        Map<String, String> with = new HashMap<>(request.step().with());
        if (BookTemplates.TRACKED.contains(template)) {
            with.put("track", track(api, request, with.get("track")));
        }
        return TemplateContext.of(request.target(), request.deploymentId(), request.image(), with,
                properties.ingressDomain());
    }

    private static List<Service> services(StepRequest request) {
        return TemplateContext.services(request.target(), request.image());
    }

    private static String secretKey(Service service, EnvVar env) {
        return TemplateContext.secretKey(service, env);
    }

    private static String secretName(StepRequest request) {
        return TemplateContext.secretName(request.target());
    }

    private static JsonObject operation(String op, String path, Object value) {
        JsonObject operation = new JsonObject();
        operation.addProperty("op", op);
        operation.addProperty("path", path);
        if (value != null) {
            operation.add("value", GSON.toJsonTree(value));
        }
        return operation;
    }

    /** A key as a JSON pointer segment (RFC 6901): label keys have slashes. */
    private static String pointer(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static JsonObject patch(String outer, String key, Object value) {
        JsonObject inner = new JsonObject();
        inner.add(key, GSON.toJsonTree(value));
        JsonObject patch = new JsonObject();
        patch.add(outer, inner);
        return patch;
    }

}
