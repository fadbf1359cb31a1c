package io.eyrie.api.deployment;

/**
 * One environment variable of a service: a plain {@code value}, or a {@code secretRef} naming where a secret is kept
 * (such as {@code secret://acme-shop/db#password}). Exactly one is set; a secret's value never enters an event.
 */
public record EnvVar(String name, String value, String secretRef) {
}
