package io.eyrie.api.deployment;

import java.util.List;

/** One container image of a deployment, with its replicas and environment. */
public record Service(String name, String image, int replicas, List<EnvVar> env) {
}
