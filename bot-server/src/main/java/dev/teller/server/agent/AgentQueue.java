package dev.teller.server.agent;

import dev.teller.server.complaint.ComplaintFiled;
import dev.teller.server.complaint.ComplaintManagement;
import java.security.Principal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Routes new complaints: each goes, round-robin, to an online agent of its queue with room under their capacity
 * (open tickets they own); when nobody is available it stays unassigned and visible to the whole queue.
 */
@Service
public class AgentQueue {

    private static final Logger log = LoggerFactory.getLogger(AgentQueue.class);

    private final JdbcClient jdbc;
    private final ComplaintManagement complaints;
    private final Clock clock;

    AgentQueue(JdbcClient jdbc, ComplaintManagement complaints, Clock clock) {
        this.jdbc = jdbc;
        this.complaints = complaints;
        this.clock = clock;
    }

    /** The available agent of a queue who has waited longest for a ticket, if any. */
    Optional<String> next(String queue) {
        return jdbc.sql("""
                        SELECT s.username FROM staff s
                        WHERE s.enabled AND s.role = 'agent' AND s.presence = 'online'
                        AND (',' || s.queues || ',') LIKE ?
                        AND (SELECT count(*) FROM ticket t WHERE t.owner = s.username
                             AND t.status NOT IN ('resolved', 'closed')) < s.capacity
                        ORDER BY s.last_assigned_at NULLS FIRST, s.username
                        LIMIT 1""").param("%," + queue + ",%").query(String.class).optional();
    }

    @EventListener
    void onComplaintFiled(ComplaintFiled filed) {
        Optional<String> agent = next(filed.queue());
        if (agent.isEmpty()) {
            log.info("complaint {} waits in the {} queue: no agent online with room", filed.number(), filed.queue());
            return;
        }
        complaints.assign(filed.number(), agent.get(), "routing");
        jdbc.sql("UPDATE staff SET last_assigned_at = ? WHERE username = ?")
                .params(Timestamp.from(clock.instant()), agent.get())
                .update();
    }

    /** Sets a member of staff's presence: online (takes new work) or away. */
    @Transactional
    public void presence(String username, String presence) {
        if (!List.of("online", "away").contains(presence)) {
            ErrorResponseException e = new ErrorResponseException(HttpStatus.BAD_REQUEST);
            e.getBody().setTitle("Presence not accepted");
            e.getBody().setDetail("presence must be online or away.");
            throw e;
        }
        jdbc.sql("UPDATE staff SET presence = ? WHERE username = ?")
                .params(presence, username)
                .update();
    }

    @RestController
    static class PresenceController {
        record Presence(String presence) {}

        private final AgentQueue queue;

        PresenceController(AgentQueue queue) {
            this.queue = queue;
        }

        @PostMapping("/api/v1/staff/me/presence")
        Map<String, String> set(@RequestBody Presence p, Principal principal) {
            queue.presence(principal.getName(), p.presence() == null ? "" : p.presence());
            return Map.of("username", principal.getName(), "presence", p.presence());
        }
    }
}
