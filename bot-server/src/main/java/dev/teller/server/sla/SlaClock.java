package dev.teller.server.sla;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SLA clock of every ticket: computes its deadlines, keeps one stored timer per warning and breach, and
 * fires due timers. A timer is claimed by a conditional update of its row, so it fires exactly once even with
 * several server instances on one database; one that fell due while every server was down fires at the next
 * start. Whoever owns the ticket calls {@link #schedule} whenever something that moves a deadline changes.
 */
@Service
public class SlaClock {

    private static final Logger log = LoggerFactory.getLogger(SlaClock.class);

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
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final String instance;
    private volatile ScheduledExecutorService poller;

    SlaClock(
            JdbcClient jdbc,
            SlaProperties properties,
            Clock clock,
            ApplicationEventPublisher events,
            TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.events = events;
        this.tx = tx;
        this.instance = ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
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
     * Runs in the caller's transaction.
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
        for (String target : List.of(FIRST_RESPONSE, RESOLUTION)) {
            if (!live.containsKey(target)) {
                jdbc.sql("DELETE FROM sla_timer WHERE ticket_id = ? AND target = ? AND fired_at IS NULL")
                        .params(s.ticketId(), target)
                        .update();
            }
        }
        List<Integer> shares = new ArrayList<>(properties.warnings());
        shares.add(100);
        for (Map.Entry<String, Duration> t : live.entrySet()) {
            for (int percent : shares) {
                Duration part = t.getValue().multipliedBy(percent).dividedBy(100);
                Instant due = Deadlines.due(s.start(), part, s.pauses(), calendar);
                int moved = jdbc.sql("""
                                UPDATE sla_timer SET due_at = ?
                                WHERE ticket_id = ? AND target = ? AND percent = ? AND fired_at IS NULL""")
                        .params(ts(due), s.ticketId(), t.getKey(), percent)
                        .update();
                if (moved == 0) {
                    jdbc.sql("""
                                    INSERT INTO sla_timer (ticket_id, target, percent, due_at)
                                    SELECT ?, ?, ?, ? WHERE NOT EXISTS (
                                        SELECT 1 FROM sla_timer WHERE ticket_id = ? AND target = ? AND percent = ?)""")
                            .params(s.ticketId(), t.getKey(), percent, ts(due), s.ticketId(), t.getKey(), percent)
                            .update();
                }
            }
        }
        return new Due(firstDue, resolutionDue, targets.firstResponseTarget(), targets.resolutionTarget());
    }

    /**
     * Fires every timer due by now, each in its own transaction, and returns how many this instance fired. Safe
     * to call from any number of instances at once.
     */
    public int fireDue() {
        Instant now = clock.instant();
        List<Long> due =
                jdbc.sql("""
                        SELECT id FROM sla_timer WHERE fired_at IS NULL AND due_at <= ?
                        ORDER BY due_at, id LIMIT 500""").param(Timestamp.from(now)).query(Long.class).list();
        int fired = 0;
        for (long id : due) {
            Boolean mine = tx.execute(status -> fire(id, now));
            if (Boolean.TRUE.equals(mine)) {
                fired++;
            }
        }
        return fired;
    }

    private boolean fire(long id, Instant now) {
        int claimed = jdbc.sql("""
                        UPDATE sla_timer SET fired_at = ?, fired_by = ?
                        WHERE id = ? AND fired_at IS NULL AND due_at <= ?""")
                .params(Timestamp.from(now), instance, id, Timestamp.from(now))
                .update();
        if (claimed == 0) {
            return false;
        }
        Optional<Object[]> row = jdbc.sql("SELECT ticket_id, target, percent, due_at FROM sla_timer WHERE id = ?")
                .param(id)
                .query((rs, n) -> new Object[] {
                    rs.getObject(1, UUID.class),
                    rs.getString(2),
                    rs.getInt(3),
                    rs.getTimestamp(4).toInstant()
                })
                .optional();
        if (row.isEmpty()) {
            return false;
        }
        UUID ticket = (UUID) row.get()[0];
        String target = (String) row.get()[1];
        int percent = (Integer) row.get()[2];
        Instant dueAt = (Instant) row.get()[3];
        boolean breach = percent >= 100;
        jdbc.sql("""
                        INSERT INTO sla_event (ticket_id, timer_id, kind, target, percent, due_at, fired_at, escalated_to)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        ticket,
                        id,
                        breach ? "breach" : "warning",
                        target,
                        percent,
                        Timestamp.from(dueAt),
                        Timestamp.from(now),
                        breach ? "supervisor" : null)
                .update();
        if (breach) {
            log.warn("SLA breach: ticket {} missed its {} deadline {}", ticket, target, dueAt);
            events.publishEvent(new SlaBreached(ticket, target, dueAt, now));
        } else {
            log.info("SLA warning: ticket {} has used {}% of its {} target", ticket, percent, target);
            events.publishEvent(new SlaWarningRaised(ticket, target, percent, dueAt, now));
        }
        return true;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startPolling() {
        Duration every = properties.pollInterval();
        if (every.isZero() || every.isNegative()) {
            return;
        }
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("sla-timers").unstarted(r));
        s.scheduleWithFixedDelay(this::pollOnce, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        poller = s;
    }

    private void pollOnce() {
        try {
            fireDue();
        } catch (RuntimeException e) {
            log.warn("checking SLA timers failed (will try again): {}", e.toString());
        }
    }

    @EventListener(ContextClosedEvent.class)
    void stopPolling() {
        ScheduledExecutorService s = poller;
        if (s != null) {
            s.shutdownNow();
            try {
                s.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
