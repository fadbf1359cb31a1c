package io.eyrie.api.project;

/**
 * The namespace every project gets: a UID that travels to its groups and deployments, and the Kubernetes namespace
 * name derived from it for the project's own resources.
 */
public record ProjectNamespace(String uid, String kubernetesName) {
}
