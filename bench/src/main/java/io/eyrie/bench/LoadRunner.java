package io.eyrie.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one HTTP call per item on a fixed number of client threads, each working through its own share, all
 * released at once. Bounded by the items and by a deadline checked before every call.
 */
final class LoadRunner {
    private static final int ERROR_SAMPLES = 5;

    interface Call<T> {
        HttpDriver.Result call(T item) throws Exception;
    }

    /**
     * @param latencies nanoseconds of each call answered with the expected status
     * @param bodies    the bodies of those answers, if asked for
     */
    record Outcome(int ok, int errors, List<Long> latencies, List<String> bodies, long wallNanos,
                   boolean stoppedByDeadline, List<String> errorSamples) {
        double okPerSecond() {
            return wallNanos == 0 ? 0 : ok * 1e9 / wallNanos;
        }

        Percentiles percentiles() {
            return Percentiles.of(latencies);
        }
    }

    private LoadRunner() {
    }

    /** Splits the items into {@code parts} contiguous shares of nearly equal size. */
    static <T> List<List<T>> split(List<T> items, int parts) {
        List<List<T>> shares = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            shares.add(items.subList(i * items.size() / parts, (i + 1) * items.size() / parts));
        }
        return shares;
    }

    static <T> Outcome run(String name, List<List<T>> shares, int expectedStatus, boolean keepBodies,
                           Instant deadline, Call<T> call) throws InterruptedException {
        int clients = shares.size();
        ExecutorService pool = Executors.newFixedThreadPool(clients, Thread.ofPlatform().name(name + "-", 1).factory());
        try {
            CountDownLatch ready = new CountDownLatch(clients);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ClientResult>> futures = new ArrayList<>();
            for (List<T> share : shares) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return work(share, expectedStatus, keepBodies, deadline, call);
                }));
            }
            ready.await();
            long started = System.nanoTime();
            go.countDown();
            List<ClientResult> results = new ArrayList<>();
            for (Future<ClientResult> future : futures) {
                results.add(await(future, deadline));
            }
            long wall = System.nanoTime() - started;
            return merge(results, wall);
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> ClientResult work(List<T> share, int expectedStatus, boolean keepBodies, Instant deadline,
                                         Call<T> call) {
        ClientResult result = new ClientResult();
        for (T item : share) {
            if (Instant.now().isAfter(deadline)) {
                result.stoppedByDeadline = true;
                break;
            }
            try {
                HttpDriver.Result response = call.call(item);
                if (response.status() == expectedStatus) {
                    result.latencies.add(response.nanos());
                    if (keepBodies) {
                        result.bodies.add(response.body());
                    }
                } else {
                    result.error("HTTP " + response.status() + ": " + response.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result.error("interrupted");
                break;
            } catch (Exception e) {
                result.error(e.toString());
            }
        }
        return result;
    }

    /** Every call is bounded by the HTTP request timeout, so a client is done soon after the deadline. */
    private static ClientResult await(Future<ClientResult> future, Instant deadline) throws InterruptedException {
        Duration limit = Duration.between(Instant.now(), deadline).plusSeconds(60);
        try {
            return future.get(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a load client failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("a load client did not finish in time");
        }
    }

    private static Outcome merge(List<ClientResult> results, long wall) {
        List<Long> latencies = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        List<String> samples = new ArrayList<>();
        int errors = 0;
        boolean stopped = false;
        for (ClientResult result : results) {
            latencies.addAll(result.latencies);
            bodies.addAll(result.bodies);
            errors += result.errors;
            stopped |= result.stoppedByDeadline;
            for (String sample : result.errorSamples) {
                if (samples.size() < ERROR_SAMPLES) {
                    samples.add(sample);
                }
            }
        }
        return new Outcome(latencies.size(), errors, Collections.unmodifiableList(latencies),
                Collections.unmodifiableList(bodies), wall, stopped, List.copyOf(samples));
    }

    private static final class ClientResult {
        final List<Long> latencies = new ArrayList<>();
        final List<String> bodies = new ArrayList<>();
        final List<String> errorSamples = new ArrayList<>();
        int errors;
        boolean stoppedByDeadline;

        void error(String description) {
            errors++;
            if (errorSamples.size() < ERROR_SAMPLES) {
                errorSamples.add(description.length() > 300 ? description.substring(0, 300) + "…" : description);
            }
        }
    }
}
