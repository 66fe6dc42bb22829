package dev.teller.server.sla.internal;

import dev.teller.server.sla.DueWork;
import dev.teller.server.sla.SlaBreached;
import dev.teller.server.sla.SlaClock;
import dev.teller.server.sla.SlaWarningRaised;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Fires an SLA timer when the scheduler says it is due: claims its row in {@code sla_timer}, records the warning or
 * breach in {@code sla_event} and raises it, in one transaction; a timer that has fired, is gone (its target was
 * met) or stopped (the ticket waits on the customer) is left as it is. An execution's key names the timer (ticket,
 * target, share) and, since a timer's deadline moves, one of its times: {@link SlaClock} schedules a new execution
 * at each new deadline, and one that finds the timer due later looks again then.
 */
@Component
public class SlaTimers implements DueWork.Job {

    private static final Logger log = LoggerFactory.getLogger(SlaTimers.class);

    public static final String JOB = "sla-timer";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    SlaTimers(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** A new key for an execution of the timer of {@code ticket}, {@code target} and {@code percent}. */
    public static String key(UUID ticket, String target, int percent) {
        return ticket + "/" + target + "/" + percent + "/"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    @Override
    public String name() {
        return JOB;
    }

    @Override
    public DueWork.Outcome run(String key, Instant now, String by) {
        String[] part = key.split("/");
        UUID ticket = UUID.fromString(part[0]);
        String target = part[1];
        int percent = Integer.parseInt(part[2]);
        Optional<Timer> found = jdbc.sql(
                        "SELECT id, due_at, fired_at FROM sla_timer WHERE ticket_id = ? AND target = ? AND percent = ?")
                .params(ticket, target, percent)
                .query((rs, n) -> new Timer(
                        rs.getLong(1),
                        rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) != null))
                .optional();
        if (found.isEmpty() || found.get().fired() || found.get().dueAt() == null) {
            return DueWork.Outcome.nothingToDo();
        }
        Timer t = found.get();
        if (t.dueAt().isAfter(now)) {
            return DueWork.Outcome.lookAgainAt(t.dueAt());
        }
        // Claimed only if no one has fired it and its deadline has not moved on since it was read.
        int claimed = jdbc.sql("""
                        UPDATE sla_timer SET fired_at = ?, fired_by = ?
                        WHERE id = ? AND fired_at IS NULL AND due_at <= ?""")
                .params(Timestamp.from(now), by, t.id(), Timestamp.from(t.dueAt()))
                .update();
        if (claimed == 0) {
            return DueWork.Outcome.nothingToDo();
        }
        boolean breach = percent >= 100;
        jdbc.sql("""
                        INSERT INTO sla_event (ticket_id, timer_id, kind, target, percent, due_at, fired_at, escalated_to)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        ticket,
                        t.id(),
                        breach ? "breach" : "warning",
                        target,
                        percent,
                        Timestamp.from(t.dueAt()),
                        Timestamp.from(now),
                        breach ? "supervisor" : null)
                .update();
        if (breach) {
            log.warn("SLA breach: ticket {} missed its {} deadline {}", ticket, target, t.dueAt());
            events.publishEvent(new SlaBreached(ticket, target, t.dueAt(), now));
        } else {
            log.info("SLA warning: ticket {} has used {}% of its {} target", ticket, percent, target);
            events.publishEvent(new SlaWarningRaised(ticket, target, percent, t.dueAt(), now));
        }
        return DueWork.Outcome.done();
    }

    private record Timer(long id, Instant dueAt, boolean fired) {}
}
