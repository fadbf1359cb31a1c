package io.eyrie.bookrunner.monitor;

import io.eyrie.api.book.JobTarget;
import io.eyrie.api.monitor.MonitorSpec;

import java.util.concurrent.CompletableFuture;

/** A resource check: the CPU and memory of the deployment's pods against the spec's percentages. */
interface ResourceProbe {

    /** Never completes exceptionally: a failure to read the metrics is a failed check with its reason. */
    CompletableFuture<CheckOutcome> check(MonitorSpec spec, JobTarget target);
}
