package io.eyrie.bookrunner.driver.kubernetes;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.eyrie.api.book.JobTarget;
import io.eyrie.bookrunner.driver.PodUsage;
import io.eyrie.job.manifests.Manifests;
import io.eyrie.job.manifests.ResourceKinds;
import io.kubernetes.client.custom.Quantity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A deployment's pods' use of their limits: the pods its templates label with its instance, their containers'
 * limits (requests where a container sets no limit), and what {@code metrics.k8s.io} says they use now. Two list
 * calls per check, whatever the number of pods.
 */
final class PodMetrics {
    private PodMetrics() {
    }

    static List<PodUsage> of(KubeApi api, JobTarget target) {
        String selector = "app.kubernetes.io/instance=" + Manifests.dnsLabel(target.name());
        List<JsonObject> pods = api.list(ResourceKinds.POD, target.namespace(), selector);
        if (pods.isEmpty()) {
            throw new IllegalStateException("no pods with " + selector + " in namespace " + target.namespace());
        }
        Map<String, JsonObject> usage = new HashMap<>();
        for (JsonObject metrics : api.list(ResourceKinds.POD_METRICS, target.namespace(), selector)) {
            usage.put(metrics.getAsJsonObject("metadata").get("name").getAsString(), metrics);
        }
        if (usage.isEmpty()) {
            throw new IllegalStateException("metrics.k8s.io has no metrics for the pods in " + target.namespace()
                    + " (is metrics-server installed?)");
        }
        List<PodUsage> found = new ArrayList<>();
        for (JsonObject pod : pods) {
            String name = pod.getAsJsonObject("metadata").get("name").getAsString();
            JsonObject measured = usage.get(name);
            if (measured == null) {
                continue;
            }
            BigDecimal[] limits = limits(pod);
            BigDecimal[] used = used(measured);
            found.add(new PodUsage(name, percent(used[0], limits[0]), percent(used[1], limits[1])));
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("metrics.k8s.io has no metrics for the pods with " + selector + " yet");
        }
        return found;
    }

    /** CPU cores and memory bytes the pod's containers may use. */
    private static BigDecimal[] limits(JsonObject pod) {
        BigDecimal cpu = BigDecimal.ZERO;
        BigDecimal memory = BigDecimal.ZERO;
        for (JsonElement element : pod.getAsJsonObject("spec").getAsJsonArray("containers")) {
            JsonObject resources = element.getAsJsonObject().getAsJsonObject("resources");
            cpu = cpu.add(bound(resources, "cpu"));
            memory = memory.add(bound(resources, "memory"));
        }
        if (cpu.signum() == 0 || memory.signum() == 0) {
            throw new IllegalStateException("pod " + pod.getAsJsonObject("metadata").get("name").getAsString()
                    + " sets no CPU or memory limits (nor requests) to compare its use with");
        }
        return new BigDecimal[]{cpu, memory};
    }

    private static BigDecimal bound(JsonObject resources, String resource) {
        for (String kind : List.of("limits", "requests")) {
            if (resources != null && resources.has(kind) && resources.getAsJsonObject(kind).has(resource)) {
                return Quantity.fromString(resources.getAsJsonObject(kind).get(resource).getAsString()).getNumber();
            }
        }
        return BigDecimal.ZERO;
    }

    private static BigDecimal[] used(JsonObject metrics) {
        BigDecimal cpu = BigDecimal.ZERO;
        BigDecimal memory = BigDecimal.ZERO;
        for (JsonElement element : metrics.getAsJsonArray("containers")) {
            JsonObject usage = element.getAsJsonObject().getAsJsonObject("usage");
            cpu = cpu.add(Quantity.fromString(usage.get("cpu").getAsString()).getNumber());
            memory = memory.add(Quantity.fromString(usage.get("memory").getAsString()).getNumber());
        }
        return new BigDecimal[]{cpu, memory};
    }

    private static int percent(BigDecimal used, BigDecimal limit) {
        return used.multiply(BigDecimal.valueOf(100)).divide(limit, 0, RoundingMode.HALF_UP).intValue();
    }
}
