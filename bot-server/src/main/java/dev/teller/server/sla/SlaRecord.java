package dev.teller.server.sla;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the SLA clock recorded (the warnings and breaches it fired), for the features that show it, so that none of
 * them queries the clock's tables. Read-only; it takes part in the caller's transaction.
 */
@Service
public class SlaRecord {

    /** One warning or breach the clock fired for a ticket. */
    public record Event(String kind, String target, int percent, Instant dueAt, Instant firedAt, String escalatedTo) {}

    /** A deadline a ticket missed. */
    public record Breach(UUID ticketId, String target, Instant dueAt, Instant firedAt) {}

    private final JdbcClient jdbc;

    SlaRecord(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A ticket's warnings and breaches, in the order they fired. */
    public List<Event> eventsOf(UUID ticketId) {
        return jdbc.sql("""
                        SELECT kind, target, percent, due_at, fired_at, escalated_to FROM sla_event
                        WHERE ticket_id = ? ORDER BY id""")
                .param(ticketId)
                .query((rs, n) -> new Event(
                        rs.getString("kind"),
                        rs.getString("target"),
                        rs.getInt("percent"),
                        rs.getTimestamp("due_at").toInstant(),
                        rs.getTimestamp("fired_at").toInstant(),
                        rs.getString("escalated_to")))
                .list();
    }

    /** The latest deadlines missed, newest first. */
    public List<Breach> breaches(int limit) {
        return jdbc.sql("""
                        SELECT ticket_id, target, due_at, fired_at FROM sla_event WHERE kind = 'breach'
                        ORDER BY fired_at DESC, id DESC LIMIT ?""")
                .param(limit)
                .query((rs, n) -> new Breach(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4).toInstant()))
                .list();
    }

    /** The tickets whose clock was warned at {@code percent} or more of one of their targets. */
    public Set<UUID> warnedAtLeast(int percent) {
        return new HashSet<>(
                jdbc.sql("SELECT DISTINCT ticket_id FROM sla_event WHERE kind = 'warning' AND percent >= ?")
                        .param(percent)
                        .query((rs, n) -> rs.getObject(1, UUID.class))
                        .list());
    }
}
