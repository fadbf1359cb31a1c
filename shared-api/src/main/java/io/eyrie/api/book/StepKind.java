package io.eyrie.api.book;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.eyrie.api.WireEnum;

/**
 * Every operation a Book step can ask of a cluster, each an idempotent "ensure". A driver switches over this enum,
 * so adding a kind here makes each driver that does not implement it fail to compile. What a kind needs beyond the
 * deployment's own variables comes in the step's {@code with} settings.
 */
public enum StepKind {
    /** The deployment's namespace, labelled as Eyrie's. */
    ENSURE_NAMESPACE,
    /** The deployment's Secret, its values read from secret references by the runner; they never enter an event. */
    ENSURE_SECRET,
    /** A manifest rendered from a logic-less template ({@code template}: a built-in name). */
    APPLY_MANIFEST,
    /** Until the workload has rolled out (or, with {@code replicas: 0}, has stopped), under the step's deadline. */
    WAIT_FOR_ROLLOUT,
    /** The workload to {@code replicas}. */
    SCALE,
    /** The workload's pods replaced one by one, with no change of configuration (a rolling restart). */
    RESTART_WORKLOAD,
    /**
     * What Eyrie created: {@code what} is {@code workload}, {@code namespace}, or {@code other-tracks} (every
     * workload but the one the Services send traffic to).
     */
    DELETE_RESOURCES,
    /** A one-off Kubernetes Job rendered from {@code template}, until it completes. */
    RUN_JOB,
    /**
     * The Service's selector to the workload {@code track}. Wherever a step takes a track, {@code live} is the one the
     * Services send traffic to ({@code main} before there is any) and {@code idle} the other of blue and green.
     */
    SWITCH_SELECTOR,
    /**
     * A share of the requests to the canary: the {@code canary} track is scaled beside the live one so that its pods
     * are about {@code weight} percent of the two, and the Services select both tracks. Until the canary's pods are
     * ready it waits. Replica-weighted, as without a service mesh it must be: the share is as close as pod counts allow.
     */
    SHIFT_TRAFFIC,
    /**
     * An HTTP GET of {@code path} on the deployment's Services answers 2xx; with {@code track: canary}, on the canary
     * Services, which reach the canary's pods alone.
     */
    HTTP_CHECK;

    @JsonValue
    public String wire() {
        return name().toLowerCase().replace('_', '-');
    }

    @JsonCreator
    public static StepKind fromWire(String value) {
        return WireEnum.parse(StepKind.class, value);
    }
}
