package dev.teller.server.complaint;

import dev.teller.server.complaint.internal.TicketStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other features read about tickets (routing, follow-ups), so that none of them queries the complaint
 * feature's tables: the tickets themselves, and the few counts they show. Read-only.
 */
@Service
@Transactional(readOnly = true)
public class TicketQueries {

    /** How many complaints there are, and how many of them repeat an earlier one of the same customer. */
    public record Repeats(long complaints, long repeats) {}

    private static final String OPEN = "status NOT IN ('resolved', 'closed')";

    private final TicketStore tickets;
    private final JdbcClient jdbc;

    TicketQueries(TicketStore tickets, JdbcClient jdbc) {
        this.tickets = tickets;
        this.jdbc = jdbc;
    }

    public Optional<Ticket> byId(UUID id) {
        return tickets.byId(id, false);
    }

    /** Tickets resolved at or before {@code before} (and not reopened since), the longest resolved first. */
    public List<Ticket> resolvedBy(Instant before) {
        return tickets.resolvedBy(before);
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

    /** Every complaint, and those filed as a repeat of an earlier one of the same customer. */
    public Repeats repeats() {
        return jdbc.sql("SELECT count(*), SUM(CASE WHEN repeat THEN 1 ELSE 0 END) FROM ticket")
                .query((rs, n) -> new Repeats(rs.getLong(1), rs.getLong(2)))
                .single();
    }
}
