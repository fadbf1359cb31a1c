package io.eyrie.bookrunner.driver.kubernetes;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.eyrie.job.manifests.Manifests;

/**
 * Reads a workload's status the way {@code kubectl rollout status} does: the controller must have seen the newest
 * generation, every wanted replica must run the new template and be available, and no old pod may remain. A
 * Progressing condition whose reason is ProgressDeadlineExceeded means the rollout will not finish by itself.
 */
final class Rollouts {
    private Rollouts() {
    }

    sealed interface Status {
    }

    record Done(String detail) implements Status {
    }

    record Pending(String progress) implements Status {
    }

    record Stuck(String error) implements Status {
    }

    /**
     * How far a Deployment's rollout has come, from its replica counts: half for the updated replicas, half for the
     * available ones among them, so 100 only once it has rolled out; for a stop, the share of the {@code ran} pods
     * that are gone.
     */
    static int percent(JsonObject deployment, Integer wanted, int ran) {
        JsonObject spec = object(deployment, "spec");
        JsonObject status = object(deployment, "status");
        int replicas = wanted != null ? wanted : number(spec, "replicas", 1);
        long generation = number(object(deployment, "metadata"), "generation", 0);
        if (generation > number(status, "observedGeneration", 0)) {
            return 0;
        }
        int current = number(status, "replicas", 0);
        if (replicas == 0) {
            int before = Math.max(current, ran);
            return current == 0 ? 100 : 100 * (before - current) / before;
        }
        int updated = Math.min(replicas, number(status, "updatedReplicas", 0));
        int available = Math.min(updated, number(status, "availableReplicas", 0));
        int surplus = Math.max(0, current - updated);
        int percent = (50 * updated + 50 * available) / replicas;
        return surplus > 0 ? Math.min(percent, 99) : percent;
    }

    /** @param wanted the replicas to wait for, or null for the Deployment's own */
    static Status deployment(JsonObject deployment, Integer wanted) {
        String name = Manifests.name(deployment);
        JsonObject spec = object(deployment, "spec");
        JsonObject status = object(deployment, "status");
        int replicas = wanted != null ? wanted : number(spec, "replicas", 1);
        long generation = number(object(deployment, "metadata"), "generation", 0);
        long observed = number(status, "observedGeneration", 0);
        if (generation > observed) {
            return new Pending("Deployment " + name + ": the controller has not seen generation " + generation + " yet");
        }
        int current = number(status, "replicas", 0);
        if (replicas == 0) {
            return current == 0 ? new Done("Deployment " + name + " has stopped")
                    : new Pending("Deployment " + name + ": " + current + " pods still running");
        }
        for (JsonElement element : conditions(status)) {
            JsonObject condition = element.getAsJsonObject();
            if ("Progressing".equals(text(condition, "type")) && "ProgressDeadlineExceeded".equals(text(condition, "reason"))) {
                return new Stuck("Deployment " + name + " exceeded its progress deadline: " + text(condition, "message"));
            }
        }
        int updated = number(status, "updatedReplicas", 0);
        int available = number(status, "availableReplicas", 0);
        if (updated < replicas) {
            return new Pending("Deployment " + name + ": " + updated + " of " + replicas + " replicas updated");
        }
        if (current > updated) {
            return new Pending("Deployment " + name + ": " + (current - updated) + " old replicas terminating");
        }
        if (available < replicas) {
            return new Pending("Deployment " + name + ": " + available + " of " + replicas + " replicas available");
        }
        return new Done("Deployment " + name + " rolled out, " + available + " of " + replicas + " available");
    }

    /** A one-off Job: complete once it has succeeded, stuck once its Failed condition is true. */
    static Status job(JsonObject job) {
        String name = Manifests.name(job);
        JsonObject status = object(job, "status");
        for (JsonElement element : conditions(status)) {
            JsonObject condition = element.getAsJsonObject();
            if ("True".equals(text(condition, "status"))) {
                if ("Complete".equals(text(condition, "type"))) {
                    return new Done("Job " + name + " completed");
                }
                if ("Failed".equals(text(condition, "type"))) {
                    return new Stuck("Job " + name + " failed: " + text(condition, "reason") + " "
                            + text(condition, "message"));
                }
            }
        }
        if (number(status, "succeeded", 0) > 0) {
            return new Done("Job " + name + " completed");
        }
        return new Pending("Job " + name + ": " + number(status, "active", 0) + " pods active");
    }

    private static JsonArray conditions(JsonObject status) {
        return status.has("conditions") && status.get("conditions").isJsonArray() ? status.getAsJsonArray("conditions")
                : new JsonArray();
    }

    private static JsonObject object(JsonObject parent, String key) {
        return parent != null && parent.has(key) && parent.get(key).isJsonObject() ? parent.getAsJsonObject(key)
                : new JsonObject();
    }

    private static int number(JsonObject parent, String key, int otherwise) {
        return parent.has(key) && parent.get(key).isJsonPrimitive() ? parent.get(key).getAsInt() : otherwise;
    }

    private static String text(JsonObject parent, String key) {
        return parent.has(key) && parent.get(key).isJsonPrimitive() ? parent.get(key).getAsString() : "";
    }
}
