package io.eyrie.commandside.deployment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eyrie.api.book.JobStep;
import io.eyrie.api.book.StepKind;
import io.eyrie.api.deployment.ActionPlan;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.job.manifests.ManifestException;
import io.eyrie.job.manifests.Manifests;
import io.eyrie.job.manifests.TemplateContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The manifests a planned job's steps would apply, rendered by the templates the runner uses, from the same
 * context. Only names and secret references are in them: a Secret's values are read by the runner alone.
 */
@Component
class DryRuns {
    private final Manifests manifests = new Manifests();
    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP =
            new com.fasterxml.jackson.core.type.TypeReference<>() {
            };
    private final ObjectMapper json = new ObjectMapper();
    private final String ingressDomain;

    DryRuns(@Value("${eyrie.runner.kubernetes.ingress-domain:eyrie.local}") String ingressDomain) {
        this.ingressDomain = ingressDomain;
    }

    /** One entry per step that applies a template: its objects, or why the template cannot be filled. */
    List<RenderedStep> manifests(DeploymentId deployment, ActionPlan plan) {
        List<RenderedStep> rendered = new ArrayList<>();
        if (plan.target() == null) {
            return rendered;
        }
        for (JobStep step : plan.steps()) {
            if (step.kind() != StepKind.APPLY_MANIFEST && step.kind() != StepKind.RUN_JOB) {
                continue;
            }
            String template = step.with().get("template");
            Map<String, Object> context = new HashMap<>(TemplateContext.of(plan.target(), deployment.value(),
                    plan.image(), step.with(), ingressDomain));
            if (step.kind() == StepKind.RUN_JOB) {
                context.put("jobName", Manifests.dnsLabel(plan.target().name() + "-" + template + "-<job>"));
            }
            try {
                List<Map<String, Object>> objects = new ArrayList<>();
                for (Manifests.Rendered object : manifests.render(template, context, Manifests.labels(template,
                        plan.target().name(), plan.target().project(), deployment.value()), plan.target().namespace())) {
                    objects.add(json.readValue(object.object().toString(), MAP));
                }
                rendered.add(new RenderedStep(step.name(), template, objects, null));
            } catch (ManifestException | com.fasterxml.jackson.core.JsonProcessingException unusable) {
                rendered.add(new RenderedStep(step.name(), template, List.of(), unusable.getMessage()));
            }
        }
        return rendered;
    }

    /** {@code error}: the template cannot be filled, which the job would fail on too. */
    record RenderedStep(String step, String template, List<Map<String, Object>> objects, String error) {
    }
}
