package dev.teller.server.complaint;

import dev.teller.server.complaint.internal.AlreadyOwned;
import dev.teller.server.complaint.internal.ArticleSuggestions;
import dev.teller.server.complaint.internal.AuditedRefusal;
import dev.teller.server.complaint.internal.ComplaintException;
import dev.teller.server.complaint.internal.ComplaintTexts;
import dev.teller.server.complaint.internal.CustomerTicket;
import dev.teller.server.complaint.internal.HandoffBriefs;
import dev.teller.server.complaint.internal.InvalidTicketRequest;
import dev.teller.server.complaint.internal.RemediationGuide;
import dev.teller.server.complaint.internal.TicketAccess;
import dev.teller.server.complaint.internal.TicketChanges;
import dev.teller.server.complaint.internal.TicketClocks;
import dev.teller.server.complaint.internal.TicketFiling;
import dev.teller.server.complaint.internal.TicketNotFound;
import dev.teller.server.complaint.internal.TicketStore;
import dev.teller.server.complaint.internal.TicketWorkflow;
import dev.teller.server.complaint.internal.UnderstoodTranscript;
import dev.teller.server.conversation.ChatMessage;
import dev.teller.server.conversation.ComplaintDesk;
import dev.teller.server.conversation.ConversationNotFound;
import dev.teller.server.conversation.Conversations;
import dev.teller.server.privacy.Masking;
import dev.teller.server.sla.SlaRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Complaint tickets from filing to closing: the feature's public service, for the customer and staff APIs and the
 * other features. Each method checks the request and who asks ({@link TicketAccess}) and hands the work to the
 * class whose job it is: filing ({@link TicketFiling}), the workflow ({@link TicketWorkflow}, carried out by
 * {@link TicketChanges}), deadlines ({@link TicketClocks}), the customer's texts ({@link ComplaintTexts}). The first
 * agent who takes a ticket owns it to the end, whatever team it moves to; waiting on the customer stops its clock
 * until they answer; every change is audited. Refusals are {@link ComplaintException}s.
 */
@Service
public class ComplaintManagement implements ComplaintDesk {

    /** A ticket with what staff see beside it. */
    public record Details(
            Ticket ticket,
            List<TicketStore.Change> trail,
            List<SlaRecord.Event> slaEvents,
            List<String> remediationGuide,
            List<TicketStore.Note> notes,
            String language) {}

    /**
     * An article that may answer the complaint, for the agent to read or quote, with the clauses of it (rules,
     * fees, limits, deadlines) that bear most on what the customer said.
     */
    public record Suggestion(String articleId, String title, String shortAnswer, String link, List<String> clauses) {}

    private static final int LIST_LIMIT = 500;

    private final TicketStore tickets;
    private final TicketAccess access;
    private final TicketChanges changes;
    private final ComplaintTexts texts;
    private final Conversations conversations;
    private final HandoffBriefs briefs;
    private final ArticleSuggestions suggestions;
    private final SlaRecord slaRecord;

    ComplaintManagement(
            TicketStore tickets,
            TicketAccess access,
            TicketChanges changes,
            ComplaintTexts texts,
            Conversations conversations,
            HandoffBriefs briefs,
            ArticleSuggestions suggestions,
            SlaRecord slaRecord) {
        this.tickets = tickets;
        this.access = access;
        this.changes = changes;
        this.texts = texts;
        this.conversations = conversations;
        this.briefs = briefs;
        this.suggestions = suggestions;
        this.slaRecord = slaRecord;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Status> status(UUID conversationId, boolean english) {
        return tickets.latestOfConversation(conversationId)
                .map(t -> new Status(texts.status(t, ComplaintTexts.locale(english)), CustomerTicket.of(t)));
    }

    /** The ticket a customer quotes, if their conversation's token opens it; {@link TicketNotFound} otherwise. */
    @Transactional(readOnly = true)
    public Map<String, Object> forCustomer(String number, String token) {
        Ticket t = tickets.byNumber(number, false).orElseThrow(() -> new TicketNotFound(number));
        try {
            conversations.authorize(t.conversationId(), token);
        } catch (ConversationNotFound e) {
            throw new TicketNotFound(number);
        }
        return CustomerTicket.of(t);
    }

    /** The ticket and what staff see beside it, for whoever may read it (else 404, audited: see TicketAccess). */
    @Transactional(noRollbackFor = AuditedRefusal.class)
    public Details details(String number, Actor by) {
        return details(access.open(number, by, false, "read", null));
    }

    private Details details(Ticket t) {
        return new Details(
                t,
                tickets.trail(t.id()),
                slaRecord.eventsOf(t.id()),
                RemediationGuide.forTicket(t.tier(), t.category(), t.fundSafety()),
                tickets.notes(t.id()),
                conversations.customer(t.conversationId()).language());
    }

    /**
     * The conversation of a ticket, every message, for the staff who work on it; each customer message carries
     * {@code meta.understanding}, what the bot read in it ({@link UnderstoodTranscript}).
     */
    @Transactional(noRollbackFor = AuditedRefusal.class)
    public List<ChatMessage> transcript(String number, Actor by) {
        Ticket t = access.open(number, by, false, "read", "transcript");
        return UnderstoodTranscript.of(conversations.transcript(t.conversationId()));
    }

    /**
     * The tickets {@code by} may read (of one queue, if given), open ones only unless {@code all}: an agent's
     * {@code all} is all of their own queues and tickets, never every queue; a queue they do not work is 403.
     */
    @Transactional(readOnly = true)
    public List<Ticket> queue(String queue, boolean all, Actor by) {
        Queue q = queue == null ? null : queueOf(queue, "queue must be one of " + Queue.CODES + ".");
        access.requireQueue(q, by);
        return access.list(q, all, by, LIST_LIMIT);
    }

    /**
     * The ticket, if {@code by} may read it (else 404, audited): the check before a view that is read elsewhere,
     * such as the brief.
     */
    @Transactional(noRollbackFor = AuditedRefusal.class)
    public Ticket readable(String number, Actor by, String what) {
        return access.open(number, by, false, "read", what);
    }

    /** An internal note on the ticket (masked; staff only), audited. */
    @Transactional(noRollbackFor = AuditedRefusal.class)
    public Details note(String number, Actor by, String text) {
        requireText(text, 4000, "Write a note of 1 to 4,000 characters.");
        Ticket t = access.open(number, by, true, "note", null);
        changes.note(t, by.username(), Masking.mask(text).text());
        return details(t);
    }

    /**
     * The handoff brief: a summary and a suggested first reply ({@link HandoffBriefs}). Not a transaction: each
     * read borrows a connection for itself, and none is held while the model is asked.
     */
    public HandoffBrief brief(String number) {
        return briefs.of(tickets.byNumber(number, false).orElseThrow(() -> new TicketNotFound(number)));
    }

    /** Articles that may answer the complaint (searched with what the customer said), to quote in a reply. */
    @Transactional(noRollbackFor = AuditedRefusal.class)
    public List<Suggestion> suggestions(String number, Actor by) {
        return suggestions.forTicket(access.open(number, by, false, "read", "suggestions"));
    }

    /**
     * A member of staff takes the ticket: the first to do so owns it until it is closed. Only one who may read it
     * (else 404, audited), and so one who works its queue, or a supervisor.
     */
    @Transactional(noRollbackFor = AuditedRefusal.class)
    public Ticket claim(String number, Actor by) {
        return changes.take(access.open(number, by, true, "owner", by.username()), by.username(), by.username());
    }

    /**
     * Routing gives the ticket to an agent it picked from the ticket's queue ({@code actor}: routing). Refused
     * ({@link AlreadyOwned}) when someone else owns it already: the first owner keeps it to the end.
     */
    @Transactional
    public Ticket assign(String number, String agent, String actor) {
        return changes.take(tickets.byNumber(number, true).orElseThrow(() -> new TicketNotFound(number)), agent, actor);
    }

    /**
     * The owner (or a supervisor) writes to the customer; the first such message is the first response. Whoever
     * answers an unowned ticket takes it first (first contact).
     */
    @Transactional(noRollbackFor = AuditedRefusal.class)
    public Ticket reply(String number, Actor by, String text) {
        requireText(text, 4000, "Write a reply of 1 to 4,000 characters.");
        String agent = by.username();
        Ticket t = access.open(number, by, true, "reply", null);
        if (t.owner() == null) {
            t = changes.take(t, agent, agent);
        } else {
            access.requireOwner(t, by, "reply", null);
        }
        conversations.say(
                t.conversationId(), "agent", Masking.mask(text).text(), Map.of("agent", agent, "ticket", t.number()));
        return changes.firstResponse(t, agent);
    }

    /** Moves the ticket along its workflow; waiting on the customer stops its clock (with the reason). */
    @Transactional(noRollbackFor = AuditedRefusal.class)
    public Ticket setStatus(String number, Actor by, String status, String reason) {
        TicketStatus to = TicketStatus.parse(status)
                .orElseThrow(() -> new InvalidTicketRequest("status must be one of " + TicketStatus.CODES + "."));
        TicketWorkflow.requireSettable(to);
        requireReason(reason);
        Ticket t = access.open(number, by, true, "status", to.code());
        access.requireOwner(t, by, "status", to.code());
        return changes.move(t, to, reason, by.username());
    }

    /** Resolves the ticket with what was done for the customer; its clocks stop. */
    @Transactional(noRollbackFor = AuditedRefusal.class)
    public Ticket resolve(String number, Actor by, String remediation) {
        requireText(
                remediation, 4000, "Say what was done for the customer (the remediation), in 1 to 4,000 characters.");
        String resolved = TicketStatus.RESOLVED.code();
        Ticket t = access.open(number, by, true, "status", resolved);
        access.requireOwner(t, by, "status", resolved);
        return changes.resolve(t, remediation, by.username());
    }

    /**
     * Moves the work to another team; the owner stays the owner (first-contact ownership). A fund-safety ticket
     * leaves the risk queue only by a supervisor's hand, with the reason (see TicketAccess).
     */
    @Transactional(noRollbackFor = AuditedRefusal.class)
    public Ticket transfer(String number, Actor by, String queue, String reason) {
        Queue to = queueOf(queue, "queue must be general, senior or risk.");
        requireReason(reason);
        Ticket t = access.open(number, by, true, "queue", to.code());
        access.requireTransfer(t, by, to, reason);
        return changes.transfer(t, to, reason, by.username());
    }

    /** Changes the tier (with the reason); the deadlines are computed again from the start. */
    @Transactional(noRollbackFor = AuditedRefusal.class)
    public Ticket changeTier(String number, Actor by, Tier tier, String reason) {
        requireText(reason, 500, "Say why the tier changes, in 1 to 500 characters.");
        Ticket t = access.open(number, by, true, "tier", tier.code());
        access.requireTier(t, by, tier);
        return changes.changeTier(t, tier, reason, by.username());
    }

    private static Queue queueOf(String code, String refusal) {
        return Queue.parse(code).orElseThrow(() -> new InvalidTicketRequest(refusal));
    }

    private static void requireText(String text, int max, String refusal) {
        if (text == null || text.isBlank() || text.length() > max) {
            throw new InvalidTicketRequest(refusal);
        }
    }

    private static void requireReason(String reason) {
        if (reason != null && reason.length() > 500) {
            throw new InvalidTicketRequest("Give a reason of at most 500 characters.");
        }
    }
}
