package dev.teller.server.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * The hours in which an SLA clock runs: every hour ({@link #always()}), or a queue's business hours in its time
 * zone, on working days, without holidays. Arithmetic is done in local time of the zone, so a daylight-saving
 * change moves nothing: a working day is from its opening to its closing time, however long the night was.
 */
public final class BusinessCalendar {

    private static final BusinessCalendar ALWAYS = new BusinessCalendar(null, null, null, Set.of(), Set.of());

    private final ZoneId zone;
    private final LocalTime open;
    private final LocalTime close;
    private final Set<DayOfWeek> days;
    private final Set<LocalDate> holidays;

    private BusinessCalendar(
            ZoneId zone, LocalTime open, LocalTime close, Set<DayOfWeek> days, Set<LocalDate> holidays) {
        this.zone = zone;
        this.open = open;
        this.close = close;
        this.days = days;
        this.holidays = holidays;
    }

    /** Calendar hours: the clock runs all the time. */
    public static BusinessCalendar always() {
        return ALWAYS;
    }

    public static BusinessCalendar of(
            ZoneId zone, LocalTime open, LocalTime close, Set<DayOfWeek> days, Set<LocalDate> holidays) {
        if (!open.isBefore(close)) {
            throw new IllegalArgumentException("opening time " + open + " must be before closing time " + close);
        }
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a business calendar needs at least one working day");
        }
        return new BusinessCalendar(zone, open, close, EnumSet.copyOf(days), Set.copyOf(holidays));
    }

    public boolean isAlways() {
        return zone == null;
    }

    /** The instant at which {@code work} of running time has passed after {@code from}. */
    public Instant plus(Instant from, Duration work) {
        if (isAlways()) {
            return from.plus(work);
        }
        if (work.isNegative()) {
            throw new IllegalArgumentException("negative duration " + work);
        }
        ZonedDateTime t = from.atZone(zone);
        Duration left = work;
        for (int guard = 0; guard < 100_000; guard++) {
            LocalDate day = t.toLocalDate();
            if (working(day)) {
                ZonedDateTime dayOpen = day.atTime(open).atZone(zone);
                ZonedDateTime dayClose = day.atTime(close).atZone(zone);
                if (t.isBefore(dayOpen)) {
                    t = dayOpen;
                }
                if (t.isBefore(dayClose)) {
                    Duration today = Duration.between(t, dayClose);
                    if (left.compareTo(today) <= 0) {
                        return t.plus(left).toInstant();
                    }
                    left = left.minus(today);
                }
            }
            t = day.plusDays(1).atStartOfDay(zone);
        }
        throw new IllegalStateException("no working time found within 100,000 days of " + from);
    }

    /** The running time between two instants (zero when {@code to} is not after {@code from}). */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        if (isAlways()) {
            return Duration.between(from, to);
        }
        Duration total = Duration.ZERO;
        LocalDate day = from.atZone(zone).toLocalDate();
        LocalDate last = to.atZone(zone).toLocalDate();
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            if (!working(day)) {
                continue;
            }
            Instant a = max(from, day.atTime(open).atZone(zone).toInstant());
            Instant b = min(to, day.atTime(close).atZone(zone).toInstant());
            if (b.isAfter(a)) {
                total = total.plus(Duration.between(a, b));
            }
        }
        return total;
    }

    private boolean working(LocalDate day) {
        return days.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    @Override
    public String toString() {
        return isAlways()
                ? "calendar hours"
                : days + " " + open + "–" + close + " " + zone + ", " + holidays.size() + " holidays";
    }
}
