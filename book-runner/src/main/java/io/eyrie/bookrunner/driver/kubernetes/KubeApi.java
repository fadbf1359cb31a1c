package io.eyrie.bookrunner.driver.kubernetes;

import com.google.gson.JsonObject;
import io.eyrie.bookrunner.driver.StepOutcome;
import io.eyrie.job.manifests.Manifests;
import io.eyrie.job.manifests.ResourceKinds;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.models.V1Status;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesListObject;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.kubernetes.client.util.generic.options.DeleteOptions;
import io.kubernetes.client.util.generic.options.ListOptions;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The few calls a step makes, on one cluster, with every answer the API server can give turned into what the step
 * does next: 409, 429 and 5xx (and a broken connection) may pass and are retried; 401, 403, a kind the cluster
 * does not serve and an invalid manifest fail the step with a sentence a person can act on.
 */
final class KubeApi {
    private final ApiClient client;
    private final String cluster;

    KubeApi(ApiClient client, String cluster) {
        this.client = client;
        this.cluster = cluster;
    }

    Optional<JsonObject> get(ResourceKinds kind, String namespace, String name) {
        KubernetesApiResponse<DynamicKubernetesObject> answer = call(kind, "read", name,
                () -> kind.namespaced ? api(kind).get(namespace, name) : api(kind).get(name));
        if (answer.getHttpStatusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(check(kind, "read", name, answer).getObject().getRaw());
    }

    JsonObject create(ResourceKinds kind, JsonObject object) {
        String name = Manifests.name(object);
        return check(kind, "create", name, call(kind, "create", name,
                () -> api(kind).create(new DynamicKubernetesObject(object)))).getObject().getRaw();
    }

    JsonObject replace(ResourceKinds kind, JsonObject object) {
        String name = Manifests.name(object);
        return check(kind, "replace", name, call(kind, "replace", name,
                () -> api(kind).update(new DynamicKubernetesObject(object)))).getObject().getRaw();
    }

    /** A JSON merge patch: the one kind of patch every API server (and the test double) accepts. */
    void mergePatch(ResourceKinds kind, String namespace, String name, JsonObject patch) {
        V1Patch body = new V1Patch(patch.toString());
        check(kind, "patch", name, call(kind, "patch", name, () -> kind.namespaced
                ? api(kind).patch(namespace, name, V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, body)
                : api(kind).patch(name, V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, body)));
    }

    /**
     * A JSON patch (RFC 6902), for what a merge patch cannot do everywhere: the test double merges a null into the
     * object rather than removing the key, as RFC 7386 says and API servers do.
     */
    void jsonPatch(ResourceKinds kind, String namespace, String name, com.google.gson.JsonArray operations) {
        V1Patch body = new V1Patch(operations.toString());
        check(kind, "patch", name, call(kind, "patch", name, () -> kind.namespaced
                ? api(kind).patch(namespace, name, V1Patch.PATCH_FORMAT_JSON_PATCH, body)
                : api(kind).patch(name, V1Patch.PATCH_FORMAT_JSON_PATCH, body)));
    }

    /** Everything of a kind with these labels; none when the cluster does not serve a custom kind at all. */
    List<JsonObject> list(ResourceKinds kind, String namespace, String labelSelector) {
        ListOptions options = new ListOptions();
        options.setLabelSelector(labelSelector);
        KubernetesApiResponse<DynamicKubernetesListObject> answer = call(kind, "list", labelSelector,
                () -> api(kind).list(namespace, options));
        if (answer.getHttpStatusCode() == 404 && kind.custom) {
            return List.of();
        }
        DynamicKubernetesListObject found = check(kind, "list", labelSelector, answer).getObject();
        return found == null || found.getItems() == null ? List.of()
                : found.getItems().stream().map(DynamicKubernetesObject::getRaw).toList();
    }

    /** False when it was gone already, which is what a delete wants. */
    boolean delete(ResourceKinds kind, String namespace, String name) {
        // In the background: a Job's pods and a Deployment's ReplicaSets go with it, without waiting for them.
        DeleteOptions options = new DeleteOptions();
        options.setPropagationPolicy("Background");
        KubernetesApiResponse<DynamicKubernetesObject> answer = call(kind, "delete", name,
                () -> kind.namespaced ? api(kind).delete(namespace, name, options) : api(kind).delete(name, options));
        if (answer.getHttpStatusCode() == 404) {
            return false;
        }
        check(kind, "delete", name, answer);
        return true;
    }

    ApiClient client() {
        return client;
    }

    private DynamicKubernetesApi api(ResourceKinds kind) {
        return new DynamicKubernetesApi(kind.group, kind.version, kind.plural, client);
    }

    private <T extends io.kubernetes.client.common.KubernetesType> KubernetesApiResponse<T> call(
            ResourceKinds kind, String verb, String name, Supplier<KubernetesApiResponse<T>> request) {
        try {
            return request.get();
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                // An error whose body is not a Status (the client cannot parse "404 page not found") comes wrapped.
                if (cause instanceof ApiException refused && refused.getCode() > 0) {
                    String body = refused.getResponseBody();
                    return new KubernetesApiResponse<>(new V1Status().code(refused.getCode())
                            .message(body == null || body.isBlank() ? null : body.strip()), refused.getCode());
                }
                if (cause instanceof IOException) {
                    throw new StepStopped(StepOutcome.retryable("cluster '" + cluster + "' did not answer to " + verb
                            + " " + kind.kind + " " + name + ": " + cause.getMessage()));
                }
            }
            throw new StepStopped(StepOutcome.failed("cluster '" + cluster + "' gave an answer Eyrie cannot read to "
                    + verb + " " + kind.kind + " " + name + ": " + e.getMessage()));
        }
    }

    private <T extends io.kubernetes.client.common.KubernetesType> KubernetesApiResponse<T> check(
            ResourceKinds kind, String verb, String name, KubernetesApiResponse<T> answer) {
        if (answer.isSuccess()) {
            return answer;
        }
        int code = answer.getHttpStatusCode();
        V1Status status = answer.getStatus();
        String said = status == null || status.getMessage() == null ? "" : ": " + status.getMessage();
        String what = verb + " " + kind.kind + " " + name + " on cluster '" + cluster + "'";
        if (code == 409 || code == 429 || code >= 500) {
            throw new StepStopped(StepOutcome.retryable(code + " to " + what + said));
        }
        throw new StepStopped(StepOutcome.failed(switch (code) {
            case 401 -> "the credentials of cluster '" + cluster + "' were not accepted (401) to " + what
                    + "; check its credentials reference" + said;
            case 403 -> "forbidden (403) to " + what + "; grant Eyrie's service account that right" + said;
            case 404 -> kind.custom
                    ? "cluster '" + cluster + "' does not serve " + kind.kind + " (" + kind.apiVersion()
                    + "): is its operator installed?" + said
                    : "not found (404) to " + what + said;
            case 400, 422 -> "the manifest was refused as invalid (" + code + ") to " + what + said;
            default -> code + " to " + what + said;
        }));
    }

    /** A step ends here with this outcome: raised deep in a call, caught where the step is carried out. */
    static final class StepStopped extends RuntimeException {
        final transient StepOutcome outcome;

        StepStopped(StepOutcome outcome) {
            super(outcome.toString(), null, false, false);
            this.outcome = outcome;
        }
    }
}
