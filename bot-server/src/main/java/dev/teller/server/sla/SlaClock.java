package dev.teller.server.sla;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
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

    /** At most this many timers are claimed and recorded in one transaction. */
    private static final int BATCH = 32;

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
        List<Integer> shares = new ArrayList<>(properties.warnings());
        shares.add(100);
        for (Map.Entry<String, Duration> t : live.entrySet()) {
            for (int percent : shares) {
                Duration part = t.getValue().multipliedBy(percent).dividedBy(100);
                Instant due = Deadlines.due(s.start(), part, s.pauses(), calendar);
                String key = t.getKey() + "/" + percent;
                if (!present.contains(key)) {
                    // Guarded, so that a timer another transaction added meanwhile is not added twice.
                    jdbc.sql("""
                                    INSERT INTO sla_timer (ticket_id, target, percent, due_at)
                                    SELECT ?, ?, ?, ? WHERE NOT EXISTS (
                                        SELECT 1 FROM sla_timer WHERE ticket_id = ? AND target = ? AND percent = ?)""")
                            .params(s.ticketId(), t.getKey(), percent, ts(due), s.ticketId(), t.getKey(), percent)
                            .update();
                } else if (unfired.containsKey(key) && !sameMicros(unfired.get(key), due)) {
                    jdbc.sql("""
                                    UPDATE sla_timer SET due_at = ?
                                    WHERE ticket_id = ? AND target = ? AND percent = ? AND fired_at IS NULL""")
                            .params(ts(due), s.ticketId(), t.getKey(), percent)
                            .update();
                }
                // A warning or breach that has fired stays as it is: it is in the ticket's trail.
            }
        }
        return new Due(firstDue, resolutionDue, targets.firstResponseTarget(), targets.resolutionTarget());
    }

    /**
     * Fires every timer due by now and returns how many this instance fired. Timers are claimed and recorded a
     * batch at a time, in one transaction per batch (a fraud wave makes dozens fall due each second); when a
     * batch fails, its timers are fired one by one, so that one ticket's trouble holds up no other. Safe to call
     * from any number of instances at once.
     */
    public int fireDue() {
        // Whole microseconds, as both databases store them, so that the claim can be read back by its time.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Long> due =
                jdbc.sql("""
                        SELECT id FROM sla_timer WHERE fired_at IS NULL AND due_at <= ?
                        ORDER BY due_at, id LIMIT 500""").param(Timestamp.from(now)).query(Long.class).list();
        int fired = 0;
        for (int from = 0; from < due.size(); from += BATCH) {
            List<Long> ids = due.subList(from, Math.min(due.size(), from + BATCH));
            try {
                fired += tx.execute(status -> fire(ids, now));
            } catch (RuntimeException e) {
                if (unreachable(e)) {
                    throw e; // the database is down or busy: the next poll tries again
                }
                if (ids.size() == 1) {
                    log.warn("SLA timer {} could not fire (will try again): {}", ids.get(0), e.toString());
                    continue;
                }
                log.warn("firing {} SLA timers together failed ({}); firing them one by one", ids.size(), e.toString());
                for (long id : ids) {
                    try {
                        fired += tx.execute(status -> fire(List.of(id), now));
                    } catch (RuntimeException one) {
                        if (unreachable(one)) {
                            throw one;
                        }
                        log.warn("SLA timer {} could not fire (will try again): {}", id, one.toString());
                    }
                }
            }
        }
        return fired;
    }

    private static boolean unreachable(RuntimeException e) {
        return e instanceof org.springframework.transaction.CannotCreateTransactionException
                || e instanceof org.springframework.dao.DataAccessResourceFailureException
                || e instanceof org.springframework.dao.TransientDataAccessException;
    }

    /** Claims the timers of {@code ids} that no one has fired yet, records their events and raises them. */
    private int fire(List<Long> ids, Instant now) {
        String in = in(ids.size());
        List<Object> claim = new ArrayList<>(List.of(Timestamp.from(now), instance));
        claim.addAll(padded(ids));
        claim.add(Timestamp.from(now));
        int claimed = jdbc.sql("UPDATE sla_timer SET fired_at = ?, fired_by = ? WHERE id IN " + in
                        + " AND fired_at IS NULL AND due_at <= ?")
                .params(claim)
                .update();
        if (claimed == 0) {
            return 0;
        }
        List<Object> mine = new ArrayList<>(padded(ids));
        mine.add(instance);
        mine.add(Timestamp.from(now));
        List<Timer> timers = jdbc.sql("SELECT id, ticket_id, target, percent, due_at FROM sla_timer WHERE id IN " + in
                        + " AND fired_by = ? AND fired_at = ? ORDER BY due_at, id")
                .params(mine)
                .query((rs, n) -> new Timer(
                        rs.getLong(1),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getInt(4),
                        rs.getTimestamp(5).toInstant()))
                .list();
        for (Timer t : timers) {
            boolean breach = t.percent() >= 100;
            jdbc.sql("""
                            INSERT INTO sla_event (ticket_id, timer_id, kind, target, percent, due_at, fired_at, escalated_to)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            t.ticket(),
                            t.id(),
                            breach ? "breach" : "warning",
                            t.target(),
                            t.percent(),
                            Timestamp.from(t.dueAt()),
                            Timestamp.from(now),
                            breach ? "supervisor" : null)
                    .update();
        }
        for (Timer t : timers) {
            if (t.percent() >= 100) {
                log.warn("SLA breach: ticket {} missed its {} deadline {}", t.ticket(), t.target(), t.dueAt());
                events.publishEvent(new SlaBreached(t.ticket(), t.target(), t.dueAt(), now));
            } else {
                log.info("SLA warning: ticket {} has used {}% of its {} target", t.ticket(), t.percent(), t.target());
                events.publishEvent(new SlaWarningRaised(t.ticket(), t.target(), t.percent(), t.dueAt(), now));
            }
        }
        return timers.size();
    }

    private record Timer(long id, UUID ticket, String target, int percent, Instant dueAt) {}

    /**
     * {@code (?, ?, …)} for a batch, in one of a few sizes, so that the database sees few distinct statements and
     * keeps them prepared; {@link #padded} repeats the last id to fill it.
     */
    private static String in(int n) {
        int size = size(n);
        return "(" + String.join(", ", java.util.Collections.nCopies(size, "?")) + ")";
    }

    private static int size(int n) {
        int size = 1;
        while (size < n) {
            size *= 4;
        }
        return Math.min(size, Math.max(n, BATCH));
    }

    private static List<Object> padded(List<Long> ids) {
        List<Object> out = new ArrayList<>(ids);
        while (out.size() < size(ids.size())) {
            out.add(ids.get(ids.size() - 1));
        }
        return out;
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

    private static boolean sameMicros(Instant stored, Instant computed) {
        return stored == null
                ? computed == null
                : computed != null && stored.equals(computed.truncatedTo(ChronoUnit.MICROS));
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
