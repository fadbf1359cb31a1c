package io.eyrie.platform.eventstore;

import org.axonframework.common.stream.BlockingStream;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PromptEventSourceTest {
    private static final long SLICE = Duration.ofMillis(25).toNanos();

    @Test
    void aWaitIsSplitIntoSlicesSoAMissedWakeUpCostsOneSliceNotTheWholeTimeout() throws InterruptedException {
        // The delegate misses the wake-up for the first two waits, then sees the event.
        var delegate = new ScriptedStream(false, false, true);
        var stream = new PromptEventSource.SlicedStream<>(delegate, SLICE);

        assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();

        assertThat(delegate.waits).hasSize(3);
        assertThat(delegate.waits).allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(SLICE));
    }

    @Test
    void givesUpWhenTheWholeTimeoutPassesWithoutAnEvent() throws InterruptedException {
        var delegate = new ScriptedStream();
        var stream = new PromptEventSource.SlicedStream<>(delegate, SLICE);

        long started = System.nanoTime();
        assertThat(stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)).isFalse();

        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
        assertThat(delegate.waits).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void aZeroTimeoutAsksOnceWithoutWaiting() throws InterruptedException {
        var delegate = new ScriptedStream();
        var stream = new PromptEventSource.SlicedStream<>(delegate, SLICE);

        assertThat(stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(delegate.waits).containsExactly(0L);
    }

    /** Answers hasNextAvailable from a script (then "no event"), sleeping out each wait it is given. */
    private static final class ScriptedStream implements BlockingStream<String> {
        private final List<Boolean> answers;
        private final List<Long> waits = new ArrayList<>();

        ScriptedStream(Boolean... answers) {
            this.answers = new ArrayList<>(List.of(answers));
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long nanos = unit.toNanos(timeout);
            waits.add(nanos);
            boolean answer = !answers.isEmpty() && answers.removeFirst();
            if (!answer) {
                TimeUnit.NANOSECONDS.sleep(nanos);
            }
            return answer;
        }

        @Override
        public Optional<String> peek() {
            return Optional.empty();
        }

        @Override
        public String nextAvailable() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
