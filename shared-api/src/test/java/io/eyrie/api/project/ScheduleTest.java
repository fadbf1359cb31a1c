package io.eyrie.api.project;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduleTest {
    /** Weekdays 08:00 to 20:00 in Paris (UTC+1 in December). */
    private static final Schedule OFFICE = new Schedule("office", List.of("mon", "tue", "wed", "thu", "fri"),
            "08:00", "20:00", "Europe/Paris");

    @Test
    void theLatestBoundaryIsTodaysStartOrStopOrTheLastWorkdaysStop() {
        // Wednesday 2 December 2026
        assertThat(OFFICE.lastBoundary(Instant.parse("2026-12-02T10:00:00Z")).orElseThrow())
                .isEqualTo(new Schedule.Boundary(Instant.parse("2026-12-02T07:00:00Z"), true));
        assertThat(OFFICE.lastBoundary(Instant.parse("2026-12-02T19:30:00Z")).orElseThrow())
                .isEqualTo(new Schedule.Boundary(Instant.parse("2026-12-02T19:00:00Z"), false));
        assertThat(OFFICE.lastBoundary(Instant.parse("2026-12-02T06:00:00Z")).orElseThrow())
                .as("before today's start: yesterday's stop").isEqualTo(
                        new Schedule.Boundary(Instant.parse("2026-12-01T19:00:00Z"), false));
        // Sunday 6 December: Friday's stop
        assertThat(OFFICE.lastBoundary(Instant.parse("2026-12-06T12:00:00Z")).orElseThrow())
                .isEqualTo(new Schedule.Boundary(Instant.parse("2026-12-04T19:00:00Z"), false));
    }

    @Test
    void aScheduleSaysWhatIsWrongWithIt() {
        assertThat(OFFICE.problem()).isNull();
        assertThat(new Schedule("x", List.of("monday"), "08:00", "20:00", "UTC").problem()).contains("days");
        assertThat(new Schedule("x", List.of("mon"), "8h", "20:00", "UTC").problem()).contains("times");
        assertThat(new Schedule("x", List.of("mon"), "08:00", "20:00", "Mars/Olympus").problem()).contains("zone");
        assertThat(new Schedule("x", List.of("mon"), "08:00", "08:00", "UTC").problem()).contains("differ");
    }
}
