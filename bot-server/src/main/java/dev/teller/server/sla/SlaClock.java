package dev.teller.server.sla;

import dev.teller.server.sla.internal.SlaProperties;
import dev.teller.server.sla.internal.SlaTimers;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SLA clock of every ticket: computes its deadlines and keeps one stored timer per warning and breach, each
 * with an execution in the due-work scheduler ({@link DueWork}) at its deadline, which {@link SlaTimers} fires
 * exactly once even with several server instances on one database; one that fell due while every server was down
 * fires at the next start. Whoever owns the ticket calls {@link #schedule} whenever something that moves a deadline
 * changes.
 */
@Service
public class SlaClock {

    public static final String FIRST_RESPONSE = "first_response";
    public static final String RESOLUTION = "resolution";

    /**
     * What the clock needs to know of a ticket.
     *
     * @param pauses the stops of the clock while the ticket waited on the customer (the last may be open)
     */
    public record Subject(
            UUID ticketId,
            String tier,
            boolean fundSafety,
            String queue,
            Instant start,
            List<Deadlines.Pause> pauses,
            boolean firstResponded,
            boolean resolved) {}

    /** A ticket's deadlines (null while its clock is stopped before reaching them). */
    public record Due(
            Instant firstResponse, Instant resolution, Duration firstResponseTarget, Duration resolutionTarget) {}

    private final JdbcClient jdbc;
    private final SlaProperties properties;
    private final DueWork dueWork;

    SlaClock(JdbcClient jdbc, SlaProperties properties, DueWork dueWork) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.dueWork = dueWork;
    }

    /** The calendar a queue's clocks run on. */
    public BusinessCalendar calendar(String queue) {
        SlaProperties.Hours hours = properties.calendars().get(queue);
        return hours == null ? BusinessCalendar.always() : hours.calendar();
    }

    /** The targets of a tier (the first response of a fund-safety case is always the short one). */
    public Due targets(String tier, boolean fundSafety) {
        SlaProperties.Target t = properties.tiers().get(tier);
        if (t == null) {
            throw new IllegalArgumentException("no SLA targets for tier '" + tier + "' (teller.sla.tiers)");
        }
        return new Due(
                null, null, fundSafety ? properties.fundSafetyFirstResponse() : t.firstResponse(), t.resolution());
    }

    /**
     * Computes the ticket's deadlines and sets its timers to them: unfired warnings move, warnings already
     * raised stay raised, and the timers of a target that is met (first response given, ticket resolved) go.
     * Each timer set to a new deadline gets an execution at it; an execution whose timer has gone, stopped or
     * moved finds so when it runs. Runs in the caller's transaction, which the executions join.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Due schedule(Subject s) {
        Due targets = targets(s.tier(), s.fundSafety());
        BusinessCalendar calendar = calendar(s.queue());
        Instant firstDue = Deadlines.due(s.start(), targets.firstResponseTarget(), s.pauses(), calendar);
        Instant resolutionDue = Deadlines.due(s.start(), targets.resolutionTarget(), s.pauses(), calendar);
        Map<String, Duration> live = new LinkedHashMap<>();
        if (!s.resolved() && !s.firstResponded()) {
            live.put(FIRST_RESPONSE, targets.firstResponseTarget());
        }
        if (!s.resolved()) {
            live.put(RESOLUTION, targets.resolutionTarget());
        }
        // The ticket's timers as they stand, read once: most calls (a new ticket, a message that moves nothing)
        // change few or none of them, and a statement per timer was a large part of filing a complaint.
        Map<String, Instant> unfired = new HashMap<>();
        Set<String> present = new HashSet<>();
        jdbc.sql("SELECT target, percent, due_at, fired_at FROM sla_timer WHERE ticket_id = ?")
                .param(s.ticketId())
                .query(rs -> {
                    String key = rs.getString(1) + "/" + rs.getInt(2);
                    present.add(key);
                    if (rs.getTimestamp(4) == null) {
                        Timestamp due = rs.getTimestamp(3);
                        unfired.put(key, due == null ? null : due.toInstant());
                    }
                });
        for (String target : List.of(FIRST_RESPONSE, RESOLUTION)) {
            if (!live.containsKey(target) && unfired.keySet().stream().anyMatch(k -> k.startsWith(target + "/"))) {
                jdbc.sql("DELETE FROM sla_timer WHERE ticket_id = ? AND target = ? AND fired_at IS NULL")
                        .params(s.ticketId(), target)
                        .update();
            }
        }
        Map<String, Instant> executions = new LinkedHashMap<>();
        List<Integer> shares = new ArrayList<>(properties.warnings());
        shares.add(100);
        for (Map.Entry<String, Duration> t : live.entrySet()) {
            for (int percent : shares) {
                Duration part = t.getValue().multipliedBy(percent).dividedBy(100);
                Instant due = Deadlines.due(s.start(), part, s.pauses(), calendar);
                String key = t.getKey() + "/" + percent;
                int set = 0;
                if (!present.contains(key)) {
                    // Guarded, so that a timer another transaction added meanwhile is not added twice.
                    set = jdbc.sql("""
                                    INSERT INTO sla_timer (ticket_id, target, percent, due_at)
                                    SELECT ?, ?, ?, ? WHERE NOT EXISTS (
                                        SELECT 1 FROM sla_timer WHERE ticket_id = ? AND target = ? AND percent = ?)""")
                            .params(s.ticketId(), t.getKey(), percent, ts(due), s.ticketId(), t.getKey(), percent)
                            .update();
                } else if (unfired.containsKey(key) && !sameMicros(unfired.get(key), due)) {
                    set = jdbc.sql("""
                                    UPDATE sla_timer SET due_at = ?
                                    WHERE ticket_id = ? AND target = ? AND percent = ? AND fired_at IS NULL""")
                            .params(ts(due), s.ticketId(), t.getKey(), percent)
                            .update();
                }
                if (set == 1 && due != null) {
                    executions.put(SlaTimers.key(s.ticketId(), t.getKey(), percent), due);
                }
                // A warning or breach that has fired stays as it is: it is in the ticket's trail.
            }
        }
        dueWork.schedule(SlaTimers.JOB, executions);
        return new Due(firstDue, resolutionDue, targets.firstResponseTarget(), targets.resolutionTarget());
    }

    /**
     * Runs the due work of every kind that is due by now (SLA timers, follow-ups), in the calling thread, and
     * returns how many SLA timers fired. Only when nothing polls ({@code teller.sla.poll-interval} zero, as in tests).
     */
    public int fireDue() {
        return dueWork.runDue().getOrDefault(SlaTimers.JOB, 0);
    }

    private static boolean sameMicros(Instant stored, Instant computed) {
        return stored == null
                ? computed == null
                : computed != null && stored.equals(computed.truncatedTo(ChronoUnit.MICROS));
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
