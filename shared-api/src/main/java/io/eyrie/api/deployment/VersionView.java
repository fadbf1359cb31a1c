package io.eyrie.api.deployment;

import java.time.Instant;
import java.util.List;

/** One version of a deployment: who changed what, when, with the spec before (null for version 1) and after. */
public record VersionView(int version, List<String> changed, DeploymentSpec before, DeploymentSpec after,
                          String changedBy, Instant changedAt, String correlationId) {
}
