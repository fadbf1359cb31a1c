package io.eyrie.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What one benchmark run does, read from system properties ({@code -Deyrie.bench.deployments=500}).
 *
 * @param deployments   N: deployments that each get one initialize in the throughput phase
 * @param warmupActions actions on separate deployments before the throughput phase, for the JIT; not counted
 * @param clients       concurrent HTTP clients in the setup and throughput phases
 * @param lagSamples    M: actions whose action-to-read-model lag is measured, one at a time, per variant
 * @param lagWarmup     lag samples taken first in each variant and not counted
 * @param groupSize     deployments per group: every create replays its group's event stream, so one huge group
 *                      would make the setup quadratic
 * @param rawRows       rows inserted by each raw JDBC insert baseline (sequential, then with {@code clients} threads)
 * @param lagPauseMillis a random pause of up to this long before each lag sample (default 0). Back-to-back samples
 *                      fall into step with a poller's cycle (the pooled coordinator's 500 ms, the event store's
 *                      fetch delay) and then measure nearly its full period; a pause of a few periods spreads them
 * @param lagVariants   the lag variants to run: {@code default} (in the main instance), then {@code pooled} or
 *                      {@code tracking}, each in its own fresh instance
 * @param extraArgs     Spring arguments for every service of every instance, e.g.
 *                      {@code -Deyrie.bench.args="--eyrie.read-models.batch-size=100"}
 * @param maxRuntime    a watchdog ends the run, printing what was measured, once this has passed
 * @param output        where the Markdown report is written
 */
record BenchConfig(int deployments, int warmupActions, int clients, int lagSamples, int lagWarmup, int lagPauseMillis,
                   int groupSize, int rawRows, List<String> lagVariants, List<String> extraArgs, Duration maxRuntime,
                   Path output) {

    static BenchConfig fromSystemProperties() {
        List<String> variants = Arrays.stream(System.getProperty("eyrie.bench.lag-variants", "default,pooled").split(","))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .toList();
        for (String variant : variants) {
            if (!List.of("default", "pooled", "tracking").contains(variant)) {
                throw new IllegalArgumentException("eyrie.bench.lag-variants: unknown variant " + variant
                        + " (use default, pooled, tracking)");
            }
        }
        return new BenchConfig(
                positive("eyrie.bench.deployments", 4000),
                positive("eyrie.bench.warmup-actions", 300),
                positive("eyrie.bench.clients", 8),
                positive("eyrie.bench.lag-samples", 300),
                positive("eyrie.bench.lag-warmup", 20),
                atLeastZero("eyrie.bench.lag-pause-ms", 0),
                positive("eyrie.bench.group-size", 250),
                positive("eyrie.bench.raw-rows", 4000),
                variants,
                Arrays.stream(System.getProperty("eyrie.bench.args", "").trim().split("\\s+"))
                        .filter(arg -> !arg.isEmpty())
                        .toList(),
                Duration.ofMinutes(positive("eyrie.bench.max-minutes", 10)),
                Path.of(System.getProperty("eyrie.bench.output", "bench/target/bench-results.md")).toAbsolutePath());
    }

    private static int positive(String name, int fallback) {
        int value = atLeastZero(name, fallback);
        if (value == 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return value;
    }

    private static int atLeastZero(String name, int fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        int parsed = Integer.parseInt(value.trim());
        if (parsed < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return parsed;
    }
}
