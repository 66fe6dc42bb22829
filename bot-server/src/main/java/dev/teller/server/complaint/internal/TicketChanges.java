package dev.teller.server.complaint.internal;

import dev.teller.server.complaint.Queue;
import dev.teller.server.complaint.Ticket;
import dev.teller.server.complaint.TicketChanged;
import dev.teller.server.complaint.TicketStatus;
import dev.teller.server.complaint.Tier;
import dev.teller.server.conversation.CustomerMessaged;
import dev.teller.server.sla.SlaClock;
import java.time.Clock;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Carries out what the workflow ({@link TicketWorkflow}) allows: each change is stored, written in the ticket's
 * audit trail and announced ({@link TicketChanged}), and the deadlines it affects are computed again. Who may ask
 * for a change is checked before ({@link TicketAccess}); these run inside the caller's transaction.
 */
@Component
public class TicketChanges {

    private final TicketStore tickets;
    private final TicketClocks clocks;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    public TicketChanges(TicketStore tickets, TicketClocks clocks, Clock clock, ApplicationEventPublisher events) {
        this.tickets = tickets;
        this.clocks = clocks;
        this.clock = clock;
        this.events = events;
    }

    /** {@code agent} takes the ticket: its owner from now on if nobody was, and a new ticket is assigned. */
    public Ticket take(Ticket t, String agent, String actor) {
        TicketWorkflow.Take take = TicketWorkflow.take(t, agent);
        Instant now = clock.instant();
        if (take.becomesOwner()) {
            tickets.assign(t.id(), agent, now);
            changed(t, now, actor, "owner", null, agent, agent);
        }
        if (take.move() != null) {
            moved(t, take.move(), actor, now);
        }
        return reread(t);
    }

    /** Staff move the ticket to a status; waiting on the customer stops its clock, with the reason. */
    public Ticket move(Ticket t, TicketStatus to, String reason, String actor) {
        TicketWorkflow.Move move = TicketWorkflow.move(t, to);
        Instant now = clock.instant();
        if (move.pausesClock()) {
            tickets.pause(t.id(), now, reason == null || reason.isBlank() ? "waiting on the customer" : reason);
        } else if (move.resumesClock()) {
            tickets.resume(t.id(), now);
        }
        if (move.clearsResolution()) {
            tickets.clearResolution(t.id(), now);
        }
        moved(t, move, actor, now);
        clocks.reschedule(reread(t));
        return reread(t);
    }

    /** Staff resolve the ticket with what was done for the customer; its clocks stop. */
    public Ticket resolve(Ticket t, String remediation, String actor) {
        TicketWorkflow.Move move = TicketWorkflow.resolve(t);
        Instant now = clock.instant();
        if (move.resumesClock()) {
            tickets.resume(t.id(), now);
        }
        tickets.resolve(t.id(), remediation, now);
        tickets.audit(t.id(), now, actor, "remediation", t.remediation(), remediation);
        moved(t, move, actor, now);
        clocks.reschedule(reread(t));
        return reread(t);
    }

    /**
     * The customer answered a ticket that waited on them: it is worked on again, and its clock runs. In the
     * customer's transaction, on purpose: the SLA clock stops while a ticket waits on the customer, so it must
     * start again from the very message that answered, not from whenever a later step got to it.
     */
    @EventListener
    void onCustomerMessaged(CustomerMessaged m) {
        for (Ticket t : tickets.waitingOnCustomer(m.conversationId())) {
            TicketWorkflow.Move move = TicketWorkflow.customerAnswered(t);
            Instant now = clock.instant();
            tickets.resume(t.id(), now);
            moved(t, move, "customer", now);
            clocks.reschedule(reread(t));
        }
    }

    /** The first message to the customer from staff: the first response, which stops that clock. */
    public Ticket firstResponse(Ticket t, String agent) {
        if (t.firstRespondedAt() != null) {
            return t;
        }
        Instant now = clock.instant();
        tickets.firstResponse(t.id(), now);
        tickets.audit(t.id(), now, agent, "first_response", null, now.toString());
        clocks.reschedule(reread(t));
        return reread(t);
    }

    /** Moves the work to another team; the owner stays the owner. */
    public Ticket transfer(Ticket t, Queue to, String reason, String actor) {
        if (to == t.queue()) {
            return t;
        }
        Instant now = clock.instant();
        tickets.transfer(t.id(), to, now);
        String why = reason == null || reason.isBlank() ? "" : " (" + reason + ")";
        changed(t, now, actor, "queue", t.queue().code(), to.code(), to.code() + why);
        clocks.reschedule(reread(t));
        return reread(t);
    }

    /** Changes the tier, with the reason; the deadlines are computed again from the start (audited too). */
    public Ticket changeTier(Ticket t, Tier to, String reason, String actor) {
        if (to == t.tier()) {
            return t;
        }
        Instant now = clock.instant();
        tickets.changeTier(t.id(), to, now);
        changed(t, now, actor, "tier", t.tier().code(), to.code(), to.code() + " (" + reason + ")");
        Instant oldDue = t.resolutionDueAt();
        SlaClock.Due due = clocks.reschedule(reread(t));
        tickets.audit(
                t.id(),
                now,
                "sla",
                "deadlines",
                oldDue == null ? null : oldDue.toString(),
                due.resolution() == null ? "stopped" : due.resolution().toString());
        return reread(t);
    }

    /** An internal note (already masked), audited and announced. */
    public void note(Ticket t, String author, String text) {
        Instant now = clock.instant();
        tickets.note(t.id(), now, author, text);
        changed(t, now, author, "note", null, "added", "added");
    }

    private void moved(Ticket t, TicketWorkflow.Move move, String actor, Instant now) {
        tickets.moveTo(t.id(), move.to(), now);
        changed(
                t,
                now,
                actor,
                "status",
                move.from().code(),
                move.to().code(),
                move.to().code());
    }

    /**
     * Writes a change in the ticket's trail ({@code audited}: the new value as the trail tells it, with the reason
     * if any) and announces it.
     */
    private void changed(
            Ticket t, Instant now, String actor, String field, String oldValue, String newValue, String audited) {
        tickets.audit(t.id(), now, actor, field, oldValue, audited);
        events.publishEvent(new TicketChanged(t.id(), t.number(), field, oldValue, newValue, actor));
    }

    private Ticket reread(Ticket t) {
        return tickets.byId(t.id(), false).orElseThrow();
    }
}
