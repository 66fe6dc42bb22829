package dev.teller.server.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Deadline arithmetic: pure, so that every case (pauses, business hours, holidays, DST) is tested directly. */
public final class Deadlines {

    /**
     * A stop of the clock.
     *
     * @param to when it started again, or null while it is still stopped
     */
    public record Pause(Instant from, Instant to) {}

    private Deadlines() {}

    /**
     * When {@code target} of running time has passed since {@code start}, not counting pauses; null while the
     * clock is stopped before getting there (the deadline is then not known until it runs again).
     */
    public static Instant due(Instant start, Duration target, List<Pause> pauses, BusinessCalendar calendar) {
        Duration left = target;
        Instant cursor = start;
        for (Pause p : pauses.stream().sorted(Comparator.comparing(Pause::from)).toList()) {
            if (p.to() != null && !p.to().isAfter(cursor)) {
                continue;
            }
            Instant pauseStart = p.from().isBefore(cursor) ? cursor : p.from();
            Duration before = calendar.between(cursor, pauseStart);
            if (before.compareTo(left) >= 0) {
                return calendar.plus(cursor, left);
            }
            left = left.minus(before);
            if (p.to() == null) {
                return null;
            }
            cursor = p.to();
        }
        return calendar.plus(cursor, left);
    }
}
