package io.eyrie.api.deployment;

/** A push of an image the deployment subscribes to deployed nothing, for {@code reason}. */
public record ImagePushIgnored(DeploymentId deploymentId, String image, String tag, String digest, String reason) {
}
