package dev.teller.server.sla;

import java.time.Instant;
import java.util.List;
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
}
