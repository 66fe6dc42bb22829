package dev.teller.server.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The agents among the staff accounts, as routing sees them: who serves a queue, their capacity and presence, and
 * when each last got a ticket. Routing reads and writes these columns of the accounts through here, so that only
 * this feature names the {@code staff} table. It takes part in the caller's transaction.
 */
@Service
public class StaffDirectory {

    /** An agent's account as routing needs it: how many open tickets they may hold, and whether they take work. */
    public record Agent(String username, int capacity, String presence) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    StaffDirectory(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The enabled agents of a queue, in the order they should get its next ticket: whoever has waited longest for
     * one first (never given one, then the longest ago; by username among equals).
     */
    public List<Agent> agentsServing(String queue) {
        return jdbc.sql("""
                        SELECT username, capacity, presence FROM staff
                        WHERE enabled AND role = 'agent' AND (',' || queues || ',') LIKE ?
                        ORDER BY last_assigned_at NULLS FIRST, username""")
                .param("%," + queue + ",%")
                .query((rs, n) -> new Agent(rs.getString(1), rs.getInt(2), rs.getString(3)))
                .list();
    }

    /** Every agent's account, enabled or not. */
    public List<Agent> agents() {
        return jdbc.sql("SELECT username, capacity, presence FROM staff WHERE role = 'agent'")
                .query((rs, n) -> new Agent(rs.getString(1), rs.getInt(2), rs.getString(3)))
                .list();
    }

    /** Stores a member of staff's presence (the caller checked it is one routing knows). */
    public void setPresence(String username, String presence) {
        jdbc.sql("UPDATE staff SET presence = ? WHERE username = ?")
                .params(presence, username)
                .update();
    }

    /** Records that an agent got a ticket now: the next one of their queues goes to someone else first. */
    public void markAssigned(String username) {
        jdbc.sql("UPDATE staff SET last_assigned_at = ? WHERE username = ?")
                .params(Timestamp.from(clock.instant()), username)
                .update();
    }
}
