package dev.teller.server.complaint.internal;

import dev.teller.server.complaint.Queue;
import dev.teller.server.complaint.Ticket;
import dev.teller.server.complaint.TicketQueries;
import dev.teller.server.complaint.TicketStatus;
import dev.teller.server.complaint.Tier;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Tickets, their audit trail, notes and the pauses of their clocks, in the database: the complaint feature's own
 * tables. Each change has a method named for what it does; other features read tickets through
 * {@link TicketQueries}.
 */
@Repository
public class TicketStore {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final String COLUMNS = """
            id, number, conversation_id, customer_name, contact, channel, category, tier, fund_safety, queue, owner,
            status, reasons, remediation, created_at, first_responded_at, resolved_at, first_response_due_at,
            resolution_due_at, first_response_breached, resolution_breached""";

    /** One audited change. */
    public record Change(Instant at, String actor, String field, String oldValue, String newValue) {}

    /** An internal note. */
    public record Note(Instant at, String author, String text) {}

    void note(UUID id, Instant at, String author, String text) {
        jdbc.sql("INSERT INTO ticket_note (ticket_id, at, author, text) VALUES (?, ?, ?, ?)")
                .params(id, Timestamp.from(at), author, text)
                .update();
    }

    public List<Note> notes(UUID id) {
        return jdbc.sql("SELECT at, author, text FROM ticket_note WHERE ticket_id = ? ORDER BY id")
                .param(id)
                .query((rs, n) -> new Note(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3)))
                .list();
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public TicketStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    String nextNumber(Instant now) {
        long n = jdbc.sql("SELECT nextval('ticket_number_seq')")
                .query(Long.class)
                .single();
        return String.format("C-%d-%06d", now.atZone(ZoneOffset.UTC).getYear(), n);
    }

    /** A filed ticket, with the facts it was filed from and whether it repeats an earlier complaint. */
    void insert(Ticket t, UUID escalationId, Object facts, boolean repeat) {
        jdbc.sql("""
                        INSERT INTO ticket (id, number, conversation_id, escalation_id, customer_name, contact, channel,
                            category, tier, fund_safety, queue, owner, status, reasons, facts, created_at, updated_at,
                            repeat)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        t.id(),
                        t.number(),
                        t.conversationId(),
                        escalationId,
                        t.customerName(),
                        t.contact(),
                        t.channel(),
                        t.category(),
                        t.tier().code(),
                        t.fundSafety(),
                        t.queue().code(),
                        t.owner(),
                        t.status().code(),
                        json.writeValueAsString(t.reasons()),
                        json.writeValueAsString(facts),
                        Timestamp.from(t.createdAt()),
                        Timestamp.from(t.createdAt()),
                        repeat)
                .update();
    }

    public Optional<Ticket> byNumber(String number, boolean lock) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ticket WHERE number = ?" + (lock ? " FOR UPDATE" : ""))
                .param(number)
                .query(this::ticket)
                .optional();
    }

    public Optional<Ticket> byId(UUID id, boolean lock) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ticket WHERE id = ?" + (lock ? " FOR UPDATE" : ""))
                .param(id)
                .query(this::ticket)
                .optional();
    }

    public Optional<Ticket> latestOfConversation(UUID conversationId) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM ticket WHERE conversation_id = ? ORDER BY created_at DESC, number DESC LIMIT 1")
                .param(conversationId)
                .query(this::ticket)
                .optional();
    }

    List<Ticket> waitingOnCustomer(UUID conversationId) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM ticket WHERE conversation_id = ? AND status = 'waiting_on_customer' FOR UPDATE")
                .param(conversationId)
                .query(this::ticket)
                .list();
    }

    /** Tickets resolved by then (and not reopened since), the longest resolved first. */
    public List<Ticket> resolvedBy(Instant before) {
        return jdbc.sql(
                        "SELECT " + COLUMNS
                                + " FROM ticket WHERE resolved_at IS NOT NULL AND resolved_at <= ? ORDER BY resolved_at, number")
                .param(Timestamp.from(before))
                .query(this::ticket)
                .list();
    }

    /** The customer's other tickets since {@code since}: by contact when one was given, else by conversation. */
    List<String> earlierNumbers(String contact, UUID conversationId, Instant since) {
        return (contact == null || contact.isBlank()
                        ? jdbc.sql(
                                        "SELECT number FROM ticket WHERE conversation_id = ? AND created_at >= ? ORDER BY created_at")
                                .params(conversationId, Timestamp.from(since))
                        : jdbc.sql("""
                                        SELECT number FROM ticket WHERE (contact = ? OR conversation_id = ?) AND created_at >= ?
                                        ORDER BY created_at""").params(contact.strip(), conversationId, Timestamp.from(since)))
                .query(String.class)
                .list();
    }

    /**
     * A queue's tickets (every queue's when {@code queue} is null), most urgent first, open ones only unless
     * {@code all}. With {@code queues} only those of these queues (fund-safety ones only when {@code risk}) and
     * those {@code owner} owns: what an agent reads ({@link TicketAccess#reads}).
     */
    List<Ticket> list(Queue queue, boolean all, List<String> queues, boolean risk, String owner, int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new java.util.HashMap<>();
        if (queue != null) {
            where.append(" AND queue = :queue");
            params.put("queue", queue.code());
        }
        if (!all) {
            where.append(" AND status NOT IN ('resolved', 'closed')");
        }
        if (queues != null) {
            where.append(" AND ((queue IN (:queues) AND (NOT fund_safety OR :risk)) OR owner = :owner)");
            params.put("queues", queues);
            params.put("risk", risk);
            params.put("owner", owner);
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM ticket WHERE " + where
                        + " ORDER BY COALESCE(first_response_due_at, resolution_due_at), created_at LIMIT " + limit)
                .params(params)
                .query(this::ticket)
                .list();
    }

    /** The agent who took the ticket: its owner to the end. */
    void assign(UUID id, String owner, Instant now) {
        jdbc.sql("UPDATE ticket SET owner = ?, updated_at = ? WHERE id = ?")
                .params(owner, Timestamp.from(now), id)
                .update();
    }

    void moveTo(UUID id, TicketStatus status, Instant now) {
        jdbc.sql("UPDATE ticket SET status = ?, updated_at = ? WHERE id = ?")
                .params(status.code(), Timestamp.from(now), id)
                .update();
    }

    /** What was done for the customer, and when the ticket was resolved. */
    void resolve(UUID id, String remediation, Instant now) {
        jdbc.sql("UPDATE ticket SET remediation = ?, resolved_at = ?, updated_at = ? WHERE id = ?")
                .params(remediation, Timestamp.from(now), Timestamp.from(now), id)
                .update();
    }

    /** The ticket leaves resolved or closed: it has no resolution time any more. */
    void clearResolution(UUID id, Instant now) {
        jdbc.sql("UPDATE ticket SET resolved_at = NULL, updated_at = ? WHERE id = ?")
                .params(Timestamp.from(now), id)
                .update();
    }

    void firstResponse(UUID id, Instant at) {
        jdbc.sql("UPDATE ticket SET first_responded_at = ?, updated_at = ? WHERE id = ?")
                .params(Timestamp.from(at), Timestamp.from(at), id)
                .update();
    }

    void transfer(UUID id, Queue queue, Instant now) {
        jdbc.sql("UPDATE ticket SET queue = ?, updated_at = ? WHERE id = ?")
                .params(queue.code(), Timestamp.from(now), id)
                .update();
    }

    void changeTier(UUID id, Tier tier, Instant now) {
        jdbc.sql("UPDATE ticket SET tier = ?, updated_at = ? WHERE id = ?")
                .params(tier.code(), Timestamp.from(now), id)
                .update();
    }

    /** The deadlines the SLA clock computed (null while a clock is stopped before reaching them). */
    void deadlines(UUID id, Instant firstResponseDue, Instant resolutionDue, Instant now) {
        jdbc.sql("UPDATE ticket SET first_response_due_at = ?, resolution_due_at = ?, updated_at = ? WHERE id = ?")
                .params(timestamp(firstResponseDue), timestamp(resolutionDue), Timestamp.from(now), id)
                .update();
    }

    void firstResponseBreached(UUID id, Instant at) {
        jdbc.sql("UPDATE ticket SET first_response_breached = TRUE, updated_at = ? WHERE id = ?")
                .params(Timestamp.from(at), id)
                .update();
    }

    void resolutionBreached(UUID id, Instant at) {
        jdbc.sql("UPDATE ticket SET resolution_breached = TRUE, updated_at = ? WHERE id = ?")
                .params(Timestamp.from(at), id)
                .update();
    }

    void audit(UUID id, Instant at, String actor, String field, String oldValue, String newValue) {
        jdbc.sql("""
                        INSERT INTO ticket_audit (ticket_id, at, actor, field, old_value, new_value)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(id, Timestamp.from(at), actor, field, oldValue, newValue)
                .update();
    }

    public List<Change> trail(UUID id) {
        return jdbc.sql(
                        "SELECT at, actor, field, old_value, new_value FROM ticket_audit WHERE ticket_id = ? ORDER BY id")
                .param(id)
                .query((rs, n) -> new Change(
                        rs.getTimestamp(1).toInstant(),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5)))
                .list();
    }

    List<dev.teller.server.sla.Deadlines.Pause> pauses(UUID id) {
        return jdbc.sql("SELECT started_at, ended_at FROM ticket_pause WHERE ticket_id = ? ORDER BY id")
                .param(id)
                .query((rs, n) -> new dev.teller.server.sla.Deadlines.Pause(
                        rs.getTimestamp(1).toInstant(),
                        rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant()))
                .list();
    }

    void pause(UUID id, Instant at, String reason) {
        jdbc.sql("INSERT INTO ticket_pause (ticket_id, started_at, reason) VALUES (?, ?, ?)")
                .params(id, Timestamp.from(at), reason)
                .update();
    }

    void resume(UUID id, Instant at) {
        jdbc.sql("UPDATE ticket_pause SET ended_at = ? WHERE ticket_id = ? AND ended_at IS NULL")
                .params(Timestamp.from(at), id)
                .update();
    }

    Map<String, Object> facts(UUID id) {
        String raw = jdbc.sql("SELECT facts FROM ticket WHERE id = ?")
                .param(id)
                .query(String.class)
                .single();
        return json.readValue(raw, new TypeReference<Map<String, Object>>() {});
    }

    private Ticket ticket(ResultSet rs, int n) throws SQLException {
        return Ticket.builder()
                .id(rs.getObject("id", UUID.class))
                .number(rs.getString("number"))
                .conversationId(rs.getObject("conversation_id", UUID.class))
                .customerName(rs.getString("customer_name"))
                .contact(rs.getString("contact"))
                .channel(rs.getString("channel"))
                .category(rs.getString("category"))
                .tier(Tier.of(rs.getString("tier")))
                .fundSafety(rs.getBoolean("fund_safety"))
                .queue(Queue.of(rs.getString("queue")))
                .owner(rs.getString("owner"))
                .status(TicketStatus.of(rs.getString("status")))
                .reasons(json.readValue(rs.getString("reasons"), STRINGS))
                .remediation(rs.getString("remediation"))
                .createdAt(instant(rs, "created_at"))
                .firstRespondedAt(instant(rs, "first_responded_at"))
                .resolvedAt(instant(rs, "resolved_at"))
                .firstResponseDueAt(instant(rs, "first_response_due_at"))
                .resolutionDueAt(instant(rs, "resolution_due_at"))
                .firstResponseBreached(rs.getBoolean("first_response_breached"))
                .resolutionBreached(rs.getBoolean("resolution_breached"))
                .build();
    }

    private static Timestamp timestamp(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
