package dev.teller.server.complaint.internal;

import dev.teller.server.complaint.ComplaintFiled;
import dev.teller.server.complaint.Severity;
import dev.teller.server.complaint.Ticket;
import dev.teller.server.conversation.Conversations;
import dev.teller.server.conversation.Escalated;
import dev.teller.server.sla.SlaClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A complaint escalation becomes a ticket, in the transaction that stored the escalation: a number, the severity
 * the rules give it (category, tier, queue, with their reasons; a repeat of an earlier complaint goes up a tier),
 * its SLA deadlines; the customer is told the number and the promise, and {@link ComplaintFiled} is announced.
 */
@Component
public class TicketFiling {

    private static final Logger log = LoggerFactory.getLogger(TicketFiling.class);

    private final TicketStore tickets;
    private final SeverityRules rules;
    private final TicketClocks clocks;
    private final ComplaintTexts texts;
    private final Conversations conversations;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    public TicketFiling(
            TicketStore tickets,
            SeverityRules rules,
            TicketClocks clocks,
            ComplaintTexts texts,
            Conversations conversations,
            Clock clock,
            ApplicationEventPublisher events) {
        this.tickets = tickets;
        this.rules = rules;
        this.clocks = clocks;
        this.texts = texts;
        this.conversations = conversations;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Files the ticket of a complaint escalation. In the customer's transaction, on purpose: the reply that
     * escalated carries the ticket's number and promise ({@code EscalationEffects}), and a message stored without its
     * ticket, or a ticket without its message, would break the promise that every complaint is filed once.
     */
    @EventListener
    void onEscalated(Escalated e) {
        if (!e.kind().equals("complaint") || e.facts() == null) {
            return;
        }
        Instant now = clock.instant();
        Conversations.Customer customer = conversations.customer(e.conversationId());
        List<String> earlier = tickets.earlierNumbers(
                customer.contact(), e.conversationId(), now.minus(Duration.ofDays(rules.repeatWithinDays())));
        Severity s = rules.assess(e.facts(), earlier);
        Ticket t = Ticket.filed()
                .id(UUID.randomUUID())
                .number(tickets.nextNumber(now))
                .conversationId(e.conversationId())
                .customerName(customer.name())
                .contact(customer.contact())
                .channel(customer.channel())
                .category(s.category())
                .tier(s.tier())
                .fundSafety(s.fundSafety())
                .queue(s.queue())
                .reasons(s.reasons())
                .createdAt(now)
                .build();
        tickets.insert(t, e.escalationId(), e.facts(), s.repeat());
        tickets.audit(
                t.id(),
                now,
                "teller",
                "created",
                null,
                s.tier().code() + " / " + s.queue().code());
        SlaClock.Due due = clocks.reschedule(t);
        Ticket filed = tickets.byId(t.id(), false).orElseThrow();
        String promise = texts.promise(
                filed,
                due.firstResponseTarget(),
                due.resolutionTarget(),
                clocks.workingHours(filed.queue()),
                ComplaintTexts.locale(!"zh".equals(e.facts().language())));
        conversations.say(e.conversationId(), "bot", promise, Map.of("ticket", CustomerTicket.of(filed)));
        events.publishEvent(new ComplaintFiled(
                t.id(),
                filed.number(),
                e.conversationId(),
                s.tier(),
                s.fundSafety(),
                s.queue().code()));
        // The reasons quote the customer's words (and amounts): staff see them on the ticket, the log only counts them.
        log.info(
                "complaint {} filed: {} {} in queue {} ({} reasons)",
                filed.number(),
                s.tier().code(),
                s.category(),
                s.queue().code(),
                s.reasons().size());
    }
}
