package io.eyrie.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Measures how long a change takes to reach a client of a deployment's live stream: one deployment at a time, a
 * stream is opened and its first card (the current state) awaited; then the deployment is initialized and the
 * stream read until a card names the new job. Two figures per sample: from the event's own timestamp (made just
 * before it was stored) to the frame's arrival, on the same clock; and from the command's answer to the arrival.
 */
final class LiveProbe {
    private static final Duration PER_SAMPLE_LIMIT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(List<Long> fromEvent, List<Long> fromAnswer, int timeouts, int errors, boolean stoppedByDeadline) {
    }

    /** One card frame, as it arrived; {@code card} is null for a frame that was not JSON. */
    private record Frame(long arrivedNanos, Instant arrivedAt, JsonNode card) {
    }

    private LiveProbe() {
    }

    static Result measure(HttpDriver http, EventStoreDb db, List<String> deploymentIds, int warmup, Instant deadline)
            throws Exception {
        List<Long> fromEvent = new ArrayList<>();
        List<Long> fromAnswer = new ArrayList<>();
        int timeouts = 0;
        int errors = 0;
        boolean stopped = false;
        for (int i = 0; i < deploymentIds.size(); i++) {
            if (Instant.now().isAfter(deadline)) {
                stopped = true;
                break;
            }
            String id = deploymentIds.get(i);
            HttpResponse<Stream<String>> stream = http.stream("/api/deployments/" + id + "/stream");
            if (stream.statusCode() != 200) {
                stream.body().close();
                errors++;
                continue;
            }
            BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
            Thread reader = Thread.ofVirtual().start(() -> read(stream.body(), frames));
            try {
                if (frames.poll(PER_SAMPLE_LIMIT.toMillis(), TimeUnit.MILLISECONDS) == null) {
                    timeouts++;
                    continue;
                }
                HttpDriver.Result accepted = http.act(id, "initialize");
                long answeredAt = System.nanoTime();
                if (accepted.status() != 202) {
                    errors++;
                    continue;
                }
                String jobId = accepted.json().get("jobId").asText();
                long position = accepted.json().get("position").asLong();
                Frame shown = null;
                boolean broken = false;
                long giveUpAt = answeredAt + PER_SAMPLE_LIMIT.toNanos();
                while (shown == null && !broken && System.nanoTime() < giveUpAt) {
                    Frame frame = frames.poll(giveUpAt - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (frame != null && frame.card() == null) {
                        broken = true;
                    } else if (frame != null && jobId.equals(frame.card().path("lastJobId").asText())) {
                        shown = frame;
                    }
                }
                if (broken) {
                    errors++;
                } else if (shown == null) {
                    timeouts++;
                } else if (i >= warmup) {
                    Instant made = db.timestamp(position);
                    fromEvent.add(Duration.between(made, shown.arrivedAt()).toNanos());
                    fromAnswer.add(Math.max(0, shown.arrivedNanos() - answeredAt));
                }
            } finally {
                stream.body().close();
                reader.interrupt();
            }
        }
        return new Result(List.copyOf(fromEvent), List.copyOf(fromAnswer), timeouts, errors, stopped);
    }

    /** Server-sent events: {@code data:} lines until an empty line; comments and other fields are skipped. */
    private static void read(Stream<String> lines, BlockingQueue<Frame> frames) {
        StringBuilder data = new StringBuilder();
        try {
            lines.forEach(line -> {
                if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                } else if (line.isEmpty() && !data.isEmpty()) {
                    Instant arrivedAt = Instant.now();
                    long arrivedNanos = System.nanoTime();
                    JsonNode card;
                    try {
                        card = JSON.readTree(data.toString());
                    } catch (java.io.IOException notJson) {
                        System.err.println("[bench] a live frame that is not JSON: " + data);
                        card = null;
                    }
                    frames.add(new Frame(arrivedNanos, arrivedAt, card));
                    data.setLength(0);
                }
            });
        } catch (java.io.UncheckedIOException closed) {
            // The probe closes the stream to end each sample.
        }
    }
}
