package io.eyrie.bookrunner.monitor;

import io.eyrie.api.monitor.MonitorSpec;
import io.eyrie.api.monitor.MonitorState;
import io.eyrie.api.monitor.MonitorType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The thresholds, one row per case: the state before, the failures so far, what the check saw, and the outcome. */
class JudgementTest {
    private static final MonitorSpec HTTP = new MonitorSpec(MonitorType.HTTP_REQUEST, "web", 30, 3, "http://x/", "GET",
            List.of(), null, 2000, 500, null, null, null, null);
    private static final MonitorSpec RESOURCE = new MonitorSpec(MonitorType.RESOURCE, "pods", 30, 2, null, null, null,
            null, null, null, 80, 95, 70, 90);

    @ParameterizedTest(name = "{0} after {1} failures, check passed={2} in {3} ms -> {4} ({5} failures)")
    @CsvSource({
            // before,  failures, passed, latency, after,   failures after
            "UNKNOWN,   0,        true,   20,      OK,      0",
            "OK,        0,        true,   501,     WARNING, 0",
            "WARNING,   0,        true,   499,     OK,      0",
            "OK,        0,        false,  10,      OK,      1",
            "OK,        1,        false,  10,      OK,      2",
            "OK,        2,        false,  10,      ERROR,   3",
            "ERROR,     5,        false,  10,      ERROR,   6",
            "ERROR,     5,        true,   10,      OK,      0",
            "ERROR,     5,        true,   900,     WARNING, 0",
            "UNKNOWN,   0,        false,  10,      UNKNOWN, 1",
            "WARNING,   2,        false,  10,      ERROR,   3"})
    void httpThresholds(MonitorState before, int failures, boolean passed, long latency, MonitorState after,
                        int failuresAfter) {
        Judgement judgement = Judgement.of(HTTP, before, failures,
                new CheckOutcome(passed, false, passed ? 200 : null, latency, passed ? "status 200" : "connection refused"));
        assertThat(judgement.state()).isEqualTo(after);
        assertThat(judgement.failures()).isEqualTo(failuresAfter);
    }

    @Test
    void reasonsSayHowFarFromErrorAndWhatWasSeen() {
        CheckOutcome refused = CheckOutcome.failed("connection refused: localhost:9", 3);
        assertThat(Judgement.of(HTTP, MonitorState.OK, 0, refused).reason())
                .isEqualTo("failed check 1 of 3 before error: connection refused: localhost:9");
        assertThat(Judgement.of(HTTP, MonitorState.OK, 2, refused).reason())
                .isEqualTo("3 consecutive failed checks: connection refused: localhost:9");
        assertThat(Judgement.of(HTTP, MonitorState.OK, 0, new CheckOutcome(true, false, 200, 800, "status 200"))
                .reason()).isEqualTo("slow: 800 ms, above the 500 ms warning (status 200)");
    }

    @ParameterizedTest(name = "cpu {0}%, memory {1}% -> passed={2}, warning={3}")
    @CsvSource({
            "10, 10, true,  false",
            "80, 10, true,  true",
            "10, 70, true,  true",
            "95, 10, false, false",
            "10, 90, false, false",
            "79, 69, true,  false"})
    void resourcePercentages(int cpu, int memory, boolean passed, boolean warning) {
        CheckOutcome outcome = DriverResourceProbe.judge(RESOURCE, cpu, memory, "shop-0", 1);
        assertThat(outcome.passed()).isEqualTo(passed);
        assertThat(outcome.warning()).isEqualTo(warning);
        assertThat(outcome.reason()).startsWith("pod shop-0: cpu " + cpu + "%, memory " + memory + "%");
    }

    @Test
    void aResourceAboveItsErrorPercentageIsAnErrorOnlyAfterItsFailures() {
        CheckOutcome hot = DriverResourceProbe.judge(RESOURCE, 99, 10, "shop-0", 1);
        Judgement first = Judgement.of(RESOURCE, MonitorState.OK, 0, hot);
        assertThat(first.state()).isEqualTo(MonitorState.OK);
        assertThat(Judgement.of(RESOURCE, first.state(), first.failures(), hot).state()).isEqualTo(MonitorState.ERROR);
        CheckOutcome warm = DriverResourceProbe.judge(RESOURCE, 85, 10, "shop-0", 1);
        assertThat(Judgement.of(RESOURCE, MonitorState.OK, 0, warm).state()).isEqualTo(MonitorState.WARNING);
    }
}
