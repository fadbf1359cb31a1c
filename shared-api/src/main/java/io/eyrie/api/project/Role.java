package io.eyrie.api.project;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/**
 * A member's role in a project, from least to most: {@code user} reads, {@code developer} manages deployments and
 * runs actions, {@code admin} manages the project. The owner is an admin who alone can remove admins, delete groups
 * and transfer ownership.
 */
public enum Role {
    USER, DEVELOPER, ADMIN;

    public boolean atLeast(Role least) {
        return compareTo(least) >= 0;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static Role fromWire(String value) {
        return Arrays.stream(values())
                .filter(role -> role.wire().equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown role: " + value));
    }
}
