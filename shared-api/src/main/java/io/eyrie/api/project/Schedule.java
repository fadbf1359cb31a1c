package io.eyrie.api.project;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A start/stop schedule of a scope (Qovery's deployment rules): on {@code days} (mon ... sun), at {@code start} its
 * paused deployments are deployed again and at {@code stop} its deployed ones are paused, in {@code zone}. Times
 * are {@code HH:mm} or {@code HH:mm:ss}; kept as text so an event reads the same whatever the JVM's zone rules.
 */
public record Schedule(String name, List<String> days, String start, String stop, String zone) {
    public static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    /** A moment the schedule starts or stops its scope's deployments. */
    public record Boundary(Instant at, boolean start) {
    }

    /** The latest start or stop at or before {@code now}, looking back a week; empty if it has none. */
    public Optional<Boundary> lastBoundary(Instant now) {
        ZoneId id = ZoneId.of(zone);
        LocalDate today = now.atZone(id).toLocalDate();
        Boundary latest = null;
        for (int back = 0; back <= 7; back++) {
            LocalDate day = today.minusDays(back);
            if (!days.contains(DAYS.get(day.getDayOfWeek().getValue() - 1))) {
                continue;
            }
            for (boolean isStart : new boolean[]{true, false}) {
                Instant at = ZonedDateTime.of(day, LocalTime.parse(isStart ? start : stop), id).toInstant();
                if (!at.isAfter(now) && (latest == null || at.isAfter(latest.at()))) {
                    latest = new Boundary(at, isStart);
                }
            }
            if (latest != null) {
                return Optional.of(latest);
            }
        }
        return Optional.empty();
    }

    /** What is wrong with it, or null. */
    public String problem() {
        if (days == null || days.isEmpty() || !DAYS.containsAll(days)) {
            return "days must be some of " + String.join(", ", DAYS);
        }
        try {
            ZoneId.of(zone);
            if (LocalTime.parse(start).equals(LocalTime.parse(stop))) {
                return "start and stop must differ";
            }
        } catch (RuntimeException e) {
            return "start and stop must be times such as 08:00, and zone a time zone such as Europe/Paris";
        }
        return null;
    }

    static String dayOf(DayOfWeek day) {
        return day.name().substring(0, 3).toLowerCase(Locale.ROOT);
    }
}
