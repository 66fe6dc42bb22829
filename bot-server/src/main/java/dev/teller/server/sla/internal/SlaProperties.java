package dev.teller.server.sla.internal;

import dev.teller.server.sla.BusinessCalendar;
import dev.teller.server.sla.DueWork;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SLA settings ({@code teller.sla.*} in application.yml).
 *
 * @param tiers first-response and resolution targets per tier (ordinary, urgent, major)
 * @param fundSafetyFirstResponse the first-response target of a fund-safety complaint, whatever its tier
 * @param warnings the shares of a target, in percent, at which a warning is raised before the breach
 * @param calendars business hours per queue (general, senior, risk); a queue not listed runs in calendar hours
 * @param pollInterval how often each instance looks for due work (SLA timers, follow-ups); zero to look only when
 *     asked ({@link DueWork#runDue()}, tests)
 * @param heartbeat how often an instance tells that it is still running the work it took; work taken by an instance
 *     that has not done so for four of these is taken over by another
 * @param threads how many pieces of due work an instance runs at once
 */
@ConfigurationProperties("teller.sla")
public record SlaProperties(
        Map<String, Target> tiers,
        @DefaultValue("PT2M") Duration fundSafetyFirstResponse,
        @DefaultValue({"50", "75", "90"}) List<Integer> warnings,
        Map<String, Hours> calendars,
        @DefaultValue("PT1S") Duration pollInterval,
        @DefaultValue("PT15S") Duration heartbeat,
        @DefaultValue("2") int threads) {

    /** The targets of one tier. */
    public record Target(Duration firstResponse, Duration resolution) {}

    /** A queue's business hours. */
    public record Hours(String zone, LocalTime open, LocalTime close, Set<DayOfWeek> days, Set<LocalDate> holidays) {
        public BusinessCalendar calendar() {
            return BusinessCalendar.of(
                    ZoneId.of(zone),
                    open,
                    close,
                    days == null || days.isEmpty()
                            ? Set.of(
                                    DayOfWeek.MONDAY,
                                    DayOfWeek.TUESDAY,
                                    DayOfWeek.WEDNESDAY,
                                    DayOfWeek.THURSDAY,
                                    DayOfWeek.FRIDAY)
                            : days,
                    holidays == null ? Set.of() : holidays);
        }
    }

    public SlaProperties {
        tiers = tiers == null || tiers.isEmpty()
                ? Map.of(
                        "ordinary", new Target(Duration.ofHours(24), Duration.ofHours(72)),
                        "urgent", new Target(Duration.ofHours(4), Duration.ofHours(24)),
                        "major", new Target(Duration.ofHours(1), Duration.ofHours(6)))
                : Map.copyOf(tiers);
        calendars = calendars == null ? Map.of() : Map.copyOf(calendars);
    }
}
