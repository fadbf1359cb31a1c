package io.eyrie.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures how long an accepted action takes to show on the query side, across service contexts: one action at a
 * time, then the deployment's card is polled about every millisecond until its {@code lastJobId} is the new job.
 */
final class LagProbe {
    private static final Duration PER_SAMPLE_LIMIT = Duration.ofSeconds(5);
    private static final long POLL_PAUSE_NANOS = 1_000_000;

    /**
     * @param lags     visible minus accepted, in nanoseconds, of the counted samples
     * @param timeouts samples whose card did not show the job within the per-sample limit
     * @param errors   actions not answered with 202
     */
    record Result(List<Long> lags, int timeouts, int errors, boolean stoppedByDeadline, long polls) {
        Percentiles percentiles() {
            return Percentiles.of(lags);
        }
    }

    private LagProbe() {
    }

    /**
     * Acts on each deployment in turn, after a random pause of up to {@code maxPauseMillis}; the first
     * {@code warmup} samples are taken but not counted.
     */
    static Result measure(HttpDriver http, List<String> deploymentIds, int warmup, int maxPauseMillis,
                          Instant deadline) throws Exception {
        List<Long> lags = new ArrayList<>();
        int timeouts = 0;
        int errors = 0;
        long polls = 0;
        boolean stopped = false;
        for (int i = 0; i < deploymentIds.size(); i++) {
            if (Instant.now().isAfter(deadline)) {
                stopped = true;
                break;
            }
            if (maxPauseMillis > 0) {
                Thread.sleep(ThreadLocalRandom.current().nextInt(maxPauseMillis));
            }
            String id = deploymentIds.get(i);
            HttpDriver.Result accepted = http.act(id, "initialize");
            long acceptedAt = System.nanoTime();
            if (accepted.status() != 202) {
                errors++;
                continue;
            }
            String jobId = accepted.json().get("jobId").asText();
            long visibleAt = -1;
            long giveUpAt = acceptedAt + PER_SAMPLE_LIMIT.toNanos();
            while (System.nanoTime() < giveUpAt) {
                HttpDriver.Result card = http.card(id);
                polls++;
                if (card.status() == 200 && jobId.equals(card.json().path("lastJobId").asText())) {
                    visibleAt = System.nanoTime();
                    break;
                }
                LockSupport.parkNanos(POLL_PAUSE_NANOS);
            }
            if (visibleAt < 0) {
                timeouts++;
            } else if (i >= warmup) {
                lags.add(visibleAt - acceptedAt);
            }
        }
        return new Result(List.copyOf(lags), timeouts, errors, stopped, polls);
    }
}
