package dev.teller.server.complaint;

import dev.teller.server.complaint.internal.TicketStore;
import dev.teller.server.sla.SlaRecord;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other features read about tickets (routing, follow-ups, the supervisor's views), so that none of them
 * queries the complaint feature's tables: the tickets themselves, and the few counts they show. Read-only.
 */
@Service
@Transactional(readOnly = true)
public class TicketQueries {

    /** How many complaints there are, and how many of them repeat an earlier one of the same customer. */
    public record Repeats(long complaints, long repeats) {}

    /** An open ticket's queue and owner, and since when they hold it (filed, taken or transferred last). */
    public record Holding(Ticket ticket, Instant since) {}

    /** A queue's open tickets, and how many of them nobody has taken yet. */
    public record QueueLoad(Queue queue, long open, long unassigned) {}

    /**
     * One tier's deadlines: met and missed, for the first response and the resolution; {@code atRisk} open tickets
     * not yet breached whose clock passed 75% of a target; {@code open} tickets still to be worked on.
     */
    public record SlaCounts(
            Tier tier,
            long firstResponseMet,
            long firstResponseMissed,
            long resolutionMet,
            long resolutionMissed,
            long atRisk,
            long open) {}

    /**
     * A resolution deadline: met (resolved in time), missed (breached), or neither yet, and then whether it is at
     * risk (open, not breached, past 75% of a target).
     */
    public record ResolutionDeadline(
            String number, Tier tier, Instant dueAt, boolean met, boolean missed, boolean atRisk) {}

    /** A deadline a ticket missed, as the SLA clock recorded it. */
    public record Breach(
            String number, Tier tier, Queue queue, String owner, String target, Instant dueAt, Instant firedAt) {}

    private static final String OPEN = "status NOT IN ('resolved', 'closed')";
    /** An open ticket is at risk once its clock passed this share of a target (the SLA clock warned of it). */
    private static final int AT_RISK_PERCENT = 75;

    private final TicketStore tickets;
    private final SlaRecord sla;
    private final JdbcClient jdbc;

    TicketQueries(TicketStore tickets, SlaRecord sla, JdbcClient jdbc) {
        this.tickets = tickets;
        this.sla = sla;
        this.jdbc = jdbc;
    }

    public Optional<Ticket> byId(UUID id) {
        return tickets.byId(id, false);
    }

    /** The tickets a conversation filed, by number. */
    public List<Ticket> ofConversation(UUID conversationId) {
        return tickets.ofConversation(conversationId);
    }

    /** Tickets resolved at or before {@code before} (and not reopened since), the longest resolved first. */
    public List<Ticket> resolvedBy(Instant before) {
        return tickets.resolvedBy(before);
    }

    /** Tickets filed from {@code from} (inclusive) to {@code to} (exclusive), oldest first. */
    public List<Ticket> filedBetween(Instant from, Instant to) {
        return tickets.filedBetween(from, to);
    }

    /** Each owner's open tickets (owners with none are left out): an agent's load. */
    public Map<String, Long> openByOwner() {
        Map<String, Long> out = new TreeMap<>();
        jdbc.sql("SELECT owner, count(*) FROM ticket WHERE owner IS NOT NULL AND " + OPEN + " GROUP BY owner")
                .query(rs -> {
                    out.put(rs.getString(1), rs.getLong(2));
                });
        return out;
    }

    /** How many open tickets {@code owner} holds: an agent's load. */
    public long openHeldBy(String owner) {
        return jdbc.sql("SELECT count(*) FROM ticket WHERE owner = ? AND " + OPEN)
                .param(owner)
                .query(Long.class)
                .single();
    }

    /** Every queue's open and unassigned tickets, in queue order. */
    public List<QueueLoad> queueLoads() {
        Map<Queue, long[]> counts = new TreeMap<>();
        for (Queue q : Queue.values()) {
            counts.put(q, new long[2]);
        }
        jdbc.sql("SELECT queue, count(*), count(*) - count(owner) FROM ticket WHERE " + OPEN + " GROUP BY queue")
                .query(rs -> {
                    long[] c = counts.get(Queue.of(rs.getString(1)));
                    c[0] = rs.getLong(2);
                    c[1] = rs.getLong(3);
                });
        return counts.entrySet().stream()
                .map(e -> new QueueLoad(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .toList();
    }

    /** Who holds each open ticket now, and since when; the nearest resolution deadline first. */
    public List<Holding> holdings() {
        Map<UUID, Instant> since = new java.util.HashMap<>();
        jdbc.sql("""
                        SELECT t.id, COALESCE((SELECT max(a.at) FROM ticket_audit a WHERE a.ticket_id = t.id
                                                AND a.field IN ('owner', 'queue', 'created')), t.created_at)
                        FROM ticket t WHERE t.""" + OPEN).query(rs -> {
            since.put(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant());
        });
        return tickets.open().stream()
                .filter(t -> since.containsKey(t.id()))
                .map(t -> new Holding(t, since.get(t.id())))
                .toList();
    }

    /**
     * Met, missed and at risk for each tier, over every ticket. The tickets and the SLA clock's warnings are read
     * in one snapshot, as one statement over both would.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<SlaCounts> slaCompliance() {
        // At risk: open, neither deadline breached, and warned at 75% or more of a target.
        Set<UUID> warned = sla.warnedAtLeast(AT_RISK_PERCENT);
        Map<Tier, Long> atRisk = new TreeMap<>();
        jdbc.sql("""
                        SELECT t.id, t.tier FROM ticket t
                        WHERE t.status NOT IN ('resolved', 'closed') AND NOT t.resolution_breached
                        AND NOT t.first_response_breached""").query(rs -> {
            if (warned.contains(rs.getObject(1, UUID.class))) {
                atRisk.merge(Tier.of(rs.getString(2)), 1L, Long::sum);
            }
        });
        Map<Tier, SlaCounts> byTier = new TreeMap<>();
        for (Tier tier : Tier.values()) {
            byTier.put(tier, new SlaCounts(tier, 0, 0, 0, 0, 0, 0));
        }
        jdbc.sql("""
                        SELECT t.tier,
                               SUM(CASE WHEN t.first_responded_at IS NOT NULL AND NOT t.first_response_breached THEN 1 ELSE 0 END),
                               SUM(CASE WHEN t.first_response_breached THEN 1 ELSE 0 END),
                               SUM(CASE WHEN t.resolved_at IS NOT NULL AND NOT t.resolution_breached THEN 1 ELSE 0 END),
                               SUM(CASE WHEN t.resolution_breached THEN 1 ELSE 0 END),
                               SUM(CASE WHEN t.status NOT IN ('resolved', 'closed') THEN 1 ELSE 0 END)
                        FROM ticket t GROUP BY t.tier""").query(rs -> {
            Tier tier = Tier.of(rs.getString(1));
            byTier.put(
                    tier,
                    new SlaCounts(
                            tier,
                            rs.getLong(2),
                            rs.getLong(3),
                            rs.getLong(4),
                            rs.getLong(5),
                            atRisk.getOrDefault(tier, 0L),
                            rs.getLong(6)));
        });
        return List.copyOf(byTier.values());
    }

    /** The resolution deadlines that fall from {@code from} to {@code to} (both inclusive), met, missed or open. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<ResolutionDeadline> resolutionDeadlines(Instant from, Instant to) {
        Set<UUID> warned = sla.warnedAtLeast(AT_RISK_PERCENT);
        return jdbc.sql("""
                        SELECT t.number, t.tier, t.resolution_due_at, t.resolution_breached, t.resolved_at,
                               t.status NOT IN ('resolved', 'closed') AND NOT t.first_response_breached, t.id
                        FROM ticket t
                        WHERE t.resolution_due_at IS NOT NULL AND t.resolution_due_at >= ? AND t.resolution_due_at <= ?
                        ORDER BY t.resolution_due_at, t.number""")
                .params(Timestamp.from(from), Timestamp.from(to))
                .query((rs, n) -> {
                    boolean missed = rs.getBoolean(4);
                    boolean met = !missed && rs.getTimestamp(5) != null;
                    return new ResolutionDeadline(
                            rs.getString(1),
                            Tier.of(rs.getString(2)),
                            rs.getTimestamp(3).toInstant(),
                            met,
                            missed,
                            !missed && !met && rs.getBoolean(6) && warned.contains(rs.getObject(7, UUID.class)));
                })
                .list();
    }

    /** The latest deadlines missed, newest first (as the SLA clock recorded them, with the ticket as it is now). */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<Breach> breaches(int limit) {
        List<Breach> out = new ArrayList<>();
        for (SlaRecord.Breach b : sla.breaches(limit)) {
            tickets.byId(b.ticketId(), false)
                    .ifPresent(t -> out.add(new Breach(
                            t.number(), t.tier(), t.queue(), t.owner(), b.target(), b.dueAt(), b.firedAt())));
        }
        return out;
    }

    /** Every complaint, and those filed as a repeat of an earlier one of the same customer. */
    public Repeats repeats() {
        return jdbc.sql("SELECT count(*), SUM(CASE WHEN repeat THEN 1 ELSE 0 END) FROM ticket")
                .query((rs, n) -> new Repeats(rs.getLong(1), rs.getLong(2)))
                .single();
    }
}
