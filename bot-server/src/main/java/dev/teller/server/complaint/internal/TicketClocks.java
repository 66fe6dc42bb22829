package dev.teller.server.complaint.internal;

import dev.teller.server.complaint.Queue;
import dev.teller.server.complaint.Ticket;
import dev.teller.server.complaint.TicketChanged;
import dev.teller.server.sla.SlaBreached;
import dev.teller.server.sla.SlaClock;
import dev.teller.server.sla.SlaWarningRaised;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A ticket's SLA deadlines: computed again by the SLA clock whenever what they depend on changes (tier, queue,
 * status, first response, pauses) and kept on the ticket; the warnings and breaches the clock raises go in its
 * trail.
 */
@Component
public class TicketClocks {

    private final TicketStore tickets;
    private final SlaClock sla;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    public TicketClocks(TicketStore tickets, SlaClock sla, Clock clock, ApplicationEventPublisher events) {
        this.tickets = tickets;
        this.sla = sla;
        this.clock = clock;
        this.events = events;
    }

    /** Computes the ticket's deadlines again and stores them on it. */
    SlaClock.Due reschedule(Ticket t) {
        SlaClock.Due due = sla.schedule(new SlaClock.Subject(
                t.id(),
                t.tier().code(),
                t.fundSafety(),
                t.queue().code(),
                t.createdAt(),
                tickets.pauses(t.id()),
                t.firstRespondedAt() != null,
                !t.status().open()));
        tickets.deadlines(t.id(), due.firstResponse(), due.resolution(), clock.instant());
        return due;
    }

    /** The queue keeps business hours: its targets count working time, not calendar time. */
    boolean workingHours(Queue queue) {
        return !sla.calendar(queue.code()).isAlways();
    }

    /**
     * Marks a breach on its ticket, audits it and tells who watches tickets (escalated to the supervisor), after the
     * timer's firing commits, through the event registry.
     */
    @ApplicationModuleListener(id = "complaint.mark-breach")
    void onBreach(SlaBreached b) {
        Ticket t = tickets.byId(b.ticketId(), true).orElseThrow();
        boolean firstResponse = b.target().equals(SlaClock.FIRST_RESPONSE);
        if (firstResponse) {
            tickets.firstResponseBreached(t.id(), b.firedAt());
        } else {
            tickets.resolutionBreached(t.id(), b.firedAt());
        }
        String field = firstResponse ? "first_response_breached" : "resolution_breached";
        tickets.audit(t.id(), b.firedAt(), "sla", b.target() + "_breached", "false", "true (escalated to supervisor)");
        events.publishEvent(new TicketChanged(t.id(), t.number(), field, "false", "true", "sla"));
    }

    /** Audits a warning on its ticket, after the timer's firing commits, through the event registry. */
    @ApplicationModuleListener(id = "complaint.audit-warning")
    void onWarning(SlaWarningRaised w) {
        tickets.audit(
                w.ticketId(), w.firedAt(), "sla", w.target() + "_warning", null, w.percent() + "% of the target used");
    }
}
