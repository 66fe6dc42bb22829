package dev.teller.server.agent;

import dev.teller.server.agent.internal.AgentBoard;
import dev.teller.server.complaint.ComplaintFiled;
import dev.teller.server.complaint.ComplaintManagement;
import dev.teller.server.complaint.Ticket;
import dev.teller.server.complaint.TicketChanged;
import dev.teller.server.complaint.TicketQueries;
import dev.teller.server.security.StaffDirectory;
import dev.teller.server.security.StaffDirectory.Agent;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
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
    private static final String ROUTING = "routing";

    private final StaffDirectory staff;
    private final TicketQueries tickets;
    private final ComplaintManagement complaints;
    private final AgentBoard board;

    AgentQueue(StaffDirectory staff, TicketQueries tickets, ComplaintManagement complaints, AgentBoard board) {
        this.staff = staff;
        this.tickets = tickets;
        this.complaints = complaints;
        this.board = board;
    }

    /**
     * The available agent of a queue who has waited longest for a ticket, by the database alone: the first of the
     * queue's agents, in routing order, who is online and holds fewer open tickets than their capacity.
     */
    private Optional<String> fromDatabase(String queue) {
        for (Agent a : staff.agentsServing(queue)) {
            if ("online".equals(a.presence()) && tickets.openHeldBy(a.username()) < a.capacity()) {
                return Optional.of(a.username());
            }
        }
        return Optional.empty();
    }

    /**
     * Gives a new complaint to the available agent of its queue who has waited longest: online, with room under
     * their capacity. Across nodes the slot is taken on Redis ({@link AgentBoard}); alone, or while Redis cannot
     * answer, the database decides. After the filing commits, out of the customer's transaction, through the event
     * registry: a node that dies before routing leaves the publication for another to resubmit.
     */
    @ApplicationModuleListener(id = "agent.route-complaint")
    void onComplaintFiled(ComplaintFiled filed) {
        if (tickets.byId(filed.ticketId()).map(Ticket::owner).isPresent()) {
            // Someone answered or took it between its filing and now (first contact): it is theirs.
            return;
        }
        Optional<Optional<String>> taken = board.take(() -> staff.agentsServing(filed.queue()));
        Optional<String> agent = taken.orElseGet(() -> fromDatabase(filed.queue()));
        if (agent.isEmpty()) {
            log.info("complaint {} waits in the {} queue: no agent online with room", filed.number(), filed.queue());
            return;
        }
        if (taken.isPresent() && TransactionSynchronizationManager.isSynchronizationActive()) {
            // Should this transaction fail after all, the slot taken on Redis is given back.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        board.add(agent.get(), -1);
                    }
                }
            });
        }
        complaints.assign(filed.number(), agent.get(), ROUTING);
        staff.markAssigned(agent.get());
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
        staff.setPresence(username, presence);
        board.presence(username, presence);
    }

    /**
     * An agent's load changes when a ticket is given to them by hand (routing took its slot already), and when one
     * of theirs is resolved or closed, or reopened.
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onTicketChanged(TicketChanged changed) {
        if (changed.field().equals("owner") && !ROUTING.equals(changed.actor()) && changed.newValue() != null) {
            board.add(changed.newValue(), 1);
        } else if (changed.field().equals("status") && open(changed.oldValue()) != open(changed.newValue())) {
            tickets.byId(changed.ticketId())
                    .map(Ticket::owner)
                    .ifPresent(owner -> board.add(owner, open(changed.newValue()) ? 1 : -1));
        }
    }

    private static boolean open(String status) {
        return status != null && !status.equals("resolved") && !status.equals("closed");
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
