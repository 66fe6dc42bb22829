package dev.teller.server.complaint;

import dev.teller.server.conversation.ComplaintDesk;
import dev.teller.server.conversation.Conversations;
import dev.teller.server.conversation.CustomerMessaged;
import dev.teller.server.conversation.Escalated;
import dev.teller.server.sla.SlaBreached;
import dev.teller.server.sla.SlaClock;
import dev.teller.server.sla.SlaWarningRaised;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * Complaint tickets from filing to closing. A complaint escalation becomes a ticket (number, category, tier and
 * queue with their reasons, SLA deadlines) in the same transaction, and the customer is told the number and the
 * promise. The first agent who takes a ticket owns it to the end, whatever team it moves to; waiting on the
 * customer stops its clock until they answer; every change is audited.
 */
@Service
public class ComplaintManagement implements ComplaintDesk {

    private static final Logger log = LoggerFactory.getLogger(ComplaintManagement.class);

    static final List<String> STATUSES =
            List.of("new", "assigned", "in_progress", "waiting_on_customer", "resolved", "closed");
    private static final Map<String, Set<String>> NEXT = Map.of(
            "new", Set.of("assigned"),
            "assigned", Set.of("in_progress", "waiting_on_customer", "resolved"),
            "in_progress", Set.of("waiting_on_customer", "resolved"),
            "waiting_on_customer", Set.of("in_progress", "resolved"),
            "resolved", Set.of("closed", "in_progress"),
            "closed", Set.of("in_progress"));

    /** A ticket with what staff see beside it. */
    public record Details(
            Ticket ticket,
            List<TicketStore.Change> trail,
            List<TicketStore.SlaEvent> slaEvents,
            List<String> remediationGuide,
            List<TicketStore.Note> notes,
            String language) {}

    /**
     * An article that may answer the complaint, for the agent to read or quote, with the clauses of it (rules,
     * fees, limits, deadlines) that bear most on what the customer said.
     */
    public record Suggestion(String articleId, String title, String shortAnswer, String link, List<String> clauses) {}

    private final TicketStore tickets;
    private final SeverityRules rules;
    private final SlaClock sla;
    private final Conversations conversations;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final dev.teller.kb.KnowledgeBase knowledgeBase;
    private final org.springframework.beans.factory.ObjectProvider<BriefWriter> briefs;
    private final TicketAccess access;

    ComplaintManagement(
            TicketStore tickets,
            SeverityRules rules,
            SlaClock sla,
            Conversations conversations,
            Clock clock,
            ApplicationEventPublisher events,
            dev.teller.kb.KnowledgeBase knowledgeBase,
            org.springframework.beans.factory.ObjectProvider<BriefWriter> briefs,
            TicketAccess access) {
        this.briefs = briefs;
        this.access = access;
        this.knowledgeBase = knowledgeBase;
        this.tickets = tickets;
        this.rules = rules;
        this.sla = sla;
        this.conversations = conversations;
        this.clock = clock;
        this.events = events;
    }

    /** Files the ticket of a complaint escalation, in the transaction that stored the escalation. */
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
        UUID id = UUID.randomUUID();
        Ticket t = new Ticket(
                id,
                tickets.nextNumber(now),
                e.conversationId(),
                customer.name(),
                customer.contact(),
                customer.channel(),
                s.category(),
                s.tier(),
                s.fundSafety(),
                s.queue(),
                null,
                "new",
                s.reasons(),
                null,
                now,
                null,
                null,
                null,
                null,
                false,
                false);
        tickets.insert(t, e.escalationId(), e.facts());
        tickets.audit(id, now, "teller", "created", null, s.tier().code() + " / " + s.queue());
        SlaClock.Due due = reschedule(t);
        Ticket filed = tickets.byId(id, false).orElseThrow();
        boolean en = !"zh".equals(e.facts().language());
        conversations.say(e.conversationId(), "bot", promise(filed, due, en), Map.of("ticket", meta(filed)));
        events.publishEvent(
                new ComplaintFiled(id, filed.number(), e.conversationId(), s.tier(), s.fundSafety(), s.queue()));
        // The reasons quote the customer's words (and amounts): staff see them on the ticket, the log only counts them.
        log.info(
                "complaint {} filed: {} {} in queue {} ({} reasons)",
                filed.number(),
                s.tier().code(),
                s.category(),
                s.queue(),
                s.reasons().size());
    }

    /** A customer who answers restarts the clock of a ticket that was waiting on them. */
    @EventListener
    void onCustomerMessaged(CustomerMessaged m) {
        for (Ticket t : tickets.waitingOnCustomer(m.conversationId())) {
            Instant now = clock.instant();
            tickets.resume(t.id(), now);
            change(t, "status", "in_progress", "customer", now);
            reschedule(tickets.byId(t.id(), false).orElseThrow());
        }
    }

    @EventListener
    void onBreach(SlaBreached b) {
        Ticket t = tickets.byId(b.ticketId(), true).orElseThrow();
        String column = b.target().equals(SlaClock.FIRST_RESPONSE) ? "first_response_breached" : "resolution_breached";
        tickets.set(t.id(), column, true, b.firedAt());
        tickets.audit(t.id(), b.firedAt(), "sla", b.target() + "_breached", "false", "true (escalated to supervisor)");
        events.publishEvent(new TicketChanged(t.id(), t.number(), column, "false", "true", "sla"));
    }

    @EventListener
    void onWarning(SlaWarningRaised w) {
        tickets.audit(
                w.ticketId(), w.firedAt(), "sla", w.target() + "_warning", null, w.percent() + "% of the target used");
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Status> status(UUID conversationId, boolean english) {
        return tickets.latestOfConversation(conversationId).map(t -> new Status(statusText(t, english), meta(t)));
    }

    /** The ticket a customer quotes, if their conversation's token opens it; 404 otherwise. */
    @Transactional(readOnly = true)
    public Map<String, Object> forCustomer(String number, String token) {
        Ticket t = tickets.byNumber(number, false).orElseThrow(() -> notFound(number));
        try {
            conversations.authorize(t.conversationId(), token);
        } catch (ErrorResponseException e) {
            throw notFound(number);
        }
        return meta(t);
    }

    /** The ticket and what staff see beside it, for whoever may read it (else 404, audited: see TicketAccess). */
    @Transactional(noRollbackFor = TicketAccess.Refused.class)
    public Details details(String number, Actor by) {
        return details(access.open(number, by, false, "read", null));
    }

    private Details details(Ticket t) {
        return new Details(
                t,
                tickets.trail(t.id()),
                tickets.slaEvents(t.id()),
                RemediationGuide.forTicket(t.tier(), t.category(), t.fundSafety()),
                tickets.notes(t.id()),
                conversations.customer(t.conversationId()).language());
    }

    /**
     * The conversation of a ticket, every message, for the staff who work on it. Each customer message carries
     * {@code meta.understanding}: the intent, confidence, sentiment and complaint probability the bot read in
     * it (from the bot's reply to
     * it).
     */
    @Transactional(noRollbackFor = TicketAccess.Refused.class)
    public List<dev.teller.server.conversation.ChatMessage> transcript(String number, Actor by) {
        Ticket t = access.open(number, by, false, "read", "transcript");
        return withUnderstanding(conversations.transcript(t.conversationId()));
    }

    static List<dev.teller.server.conversation.ChatMessage> withUnderstanding(
            List<dev.teller.server.conversation.ChatMessage> messages) {
        List<dev.teller.server.conversation.ChatMessage> out = new java.util.ArrayList<>(messages);
        for (int i = 0; i < out.size(); i++) {
            var m = out.get(i);
            if (!m.from().equals("customer")) {
                continue;
            }
            for (int j = i + 1; j < out.size() && !out.get(j).from().equals("customer"); j++) {
                Map<String, Object> bot = out.get(j).meta();
                if (out.get(j).from().equals("bot") && bot != null && bot.get("intent") != null) {
                    Map<String, Object> u = new LinkedHashMap<>();
                    u.put("intent", bot.get("intent"));
                    u.put("confidence", bot.get("confidence"));
                    u.put("sentiment", bot.get("sentiment"));
                    u.put("complaint", bot.get("complaint"));
                    Map<String, Object> meta = new LinkedHashMap<>(m.meta() == null ? Map.of() : m.meta());
                    meta.put("understanding", u);
                    out.set(
                            i,
                            new dev.teller.server.conversation.ChatMessage(
                                    m.seq(), m.from(), m.text(), m.createdAt(), meta));
                    break;
                }
            }
        }
        return out;
    }

    /**
     * The tickets {@code by} may read (of one queue, if given), open ones only unless {@code all}: an agent's
     * {@code all} is all of their own queues and tickets, never every queue; a queue they do not work is 403.
     */
    @Transactional(readOnly = true)
    public List<Ticket> queue(String queue, boolean all, Actor by) {
        access.requireQueue(queue, by);
        return access.list(queue, all, by, 500);
    }

    /**
     * The ticket, if {@code by} may read it (else 404, audited): the check before a view that is read elsewhere,
     * such as the brief.
     */
    @Transactional(noRollbackFor = TicketAccess.Refused.class)
    public Ticket readable(String number, Actor by, String what) {
        return access.open(number, by, false, "read", what);
    }

    /** An internal note on the ticket (masked; staff only), audited. */
    @Transactional(noRollbackFor = TicketAccess.Refused.class)
    public Details note(String number, Actor by, String text) {
        if (text == null || text.isBlank() || text.length() > 4000) {
            throw invalid("Write a note of 1 to 4,000 characters.");
        }
        Ticket t = access.open(number, by, true, "note", null);
        String author = by.username();
        Instant now = clock.instant();
        tickets.note(
                t.id(),
                now,
                author,
                dev.teller.server.privacy.Masking.mask(text).text());
        tickets.audit(t.id(), now, author, "note", null, "added");
        events.publishEvent(new TicketChanged(t.id(), t.number(), "note", null, "added", author));
        return details(t);
    }

    /**
     * The handoff brief: a summary and a suggested first reply, by the language model when one is configured
     * and its answer passes its checks, else by rules. Not a transaction: each read borrows a connection for
     * itself, and none is held while the model is asked.
     */
    public HandoffBrief brief(String number) {
        Ticket t = tickets.byNumber(number, false).orElseThrow(() -> notFound(number));
        Map<String, Object> facts = tickets.facts(t.id());
        HandoffBrief rules = HandoffBrief.fromRules(t, facts);
        BriefWriter writer = briefs.getIfAvailable();
        if (writer == null) {
            return rules;
        }
        List<String> said = conversations.transcript(t.conversationId()).stream()
                .filter(m -> m.from().equals("customer"))
                .map(dev.teller.server.conversation.ChatMessage::text)
                .toList();
        String language = "zh".equals(facts.get("language")) ? "zh" : "en";
        return writer.write(t, language, said, rules).orElse(rules);
    }

    /** Articles that may answer the complaint (searched with what the customer said), to quote in a reply. */
    @Transactional(noRollbackFor = TicketAccess.Refused.class)
    public List<Suggestion> suggestions(String number, Actor by) {
        Ticket t = access.open(number, by, false, "read", "suggestions");
        Object texts = tickets.facts(t.id()).get("texts");
        String said = texts instanceof List<?> l
                ? String.join("\n", l.stream().map(String::valueOf).toList())
                : "";
        return knowledgeBase.search(said, null, null, 3).hits().stream()
                .map(h -> new Suggestion(
                        h.article().id(),
                        h.article().title(),
                        h.snippet(),
                        "/api/v1/articles/" + h.article().id(),
                        clauses(h.article().clauses(), said, 2)))
                .toList();
    }

    /**
     * The {@code max} clauses that share most words (or, in Chinese, characters) with what the customer said; a
     * clause that states a figure (a fee, limit, amount or deadline) counts one more. Ties keep the article's order.
     */
    static List<String> clauses(List<String> clauses, String said, int max) {
        Set<String> words = terms(said);
        record Scored(String clause, int score, int at) {}
        List<Scored> scored = new java.util.ArrayList<>();
        for (int i = 0; i < clauses.size(); i++) {
            String c = clauses.get(i);
            Set<String> own = terms(c);
            own.retainAll(words);
            int score = own.size() + (c.matches("(?s).*\\d.*") ? 1 : 0);
            if (score > 0) {
                scored.add(new Scored(c, score, i));
            }
        }
        return scored.stream()
                .sorted(java.util.Comparator.comparingInt(Scored::score)
                        .reversed()
                        .thenComparingInt(Scored::at))
                .limit(max)
                .map(Scored::clause)
                .toList();
    }

    private static final Set<String> STOP = Set.of(
            "the", "and", "for", "you", "your", "our", "are", "was", "has", "have", "with", "this", "that", "not",
            "but", "can", "will", "from", "what", "when", "they", "them", "been", "its", "it's", "any", "all");

    private static Set<String> terms(String text) {
        Set<String> out = new java.util.HashSet<>();
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        for (String w : lower.split("[^\\p{L}\\p{N}']+")) {
            if (w.length() >= 3 && !STOP.contains(w) && w.codePoints().noneMatch(Character::isIdeographic)) {
                out.add(w);
            }
        }
        lower.codePoints()
                .filter(Character::isIdeographic)
                .filter(cp -> "的了是我你在有不和就也都吗呢吧啊".indexOf(cp) < 0)
                .forEach(cp -> out.add(new String(Character.toChars(cp))));
        return out;
    }

    /**
     * A member of staff takes the ticket: the first to do so owns it until it is closed. Only one who may read it
     * (else 404, audited), and so one who works its queue, or a supervisor.
     */
    @Transactional(noRollbackFor = TicketAccess.Refused.class)
    public Ticket claim(String number, Actor by) {
        return take(access.open(number, by, true, "owner", by.username()), by.username(), by.username());
    }

    /**
     * Routing gives the ticket to an agent it picked from the ticket's queue ({@code actor}: routing). Refused when
     * someone else owns it already: the first owner keeps it to the end.
     */
    @Transactional
    public Ticket assign(String number, String agent, String actor) {
        return take(lock(number), agent, actor);
    }

    private Ticket take(Ticket t, String agent, String actor) {
        if (t.owner() != null && !t.owner().equals(agent)) {
            throw conflict(
                    "Ticket already owned",
                    t.number() + " is owned by " + t.owner()
                            + ", who took it first and keeps it to the end; ask them, or transfer the work to another team.");
        }
        Instant now = clock.instant();
        if (t.owner() == null) {
            tickets.set(t.id(), "owner", agent, now);
            tickets.audit(t.id(), now, actor, "owner", null, agent);
            events.publishEvent(new TicketChanged(t.id(), t.number(), "owner", null, agent, actor));
        }
        if (t.status().equals("new")) {
            change(t, "status", "assigned", actor, now);
        }
        return tickets.byId(t.id(), false).orElseThrow();
    }

    /**
     * The owner (or a supervisor) writes to the customer; the first such message is the first response. Whoever
     * answers an unowned ticket takes it first (first contact).
     */
    @Transactional(noRollbackFor = TicketAccess.Refused.class)
    public Ticket reply(String number, Actor by, String text) {
        if (text == null || text.isBlank() || text.length() > 4000) {
            throw invalid("Write a reply of 1 to 4,000 characters.");
        }
        String agent = by.username();
        Ticket t = access.open(number, by, true, "reply", null);
        if (t.owner() == null) {
            t = take(t, agent, agent);
        } else {
            access.requireOwner(t, by, "reply", null);
        }
        conversations.say(
                t.conversationId(),
                "agent",
                dev.teller.server.privacy.Masking.mask(text).text(),
                Map.of("agent", agent, "ticket", t.number()));
        if (t.firstRespondedAt() == null) {
            Instant now = clock.instant();
            tickets.set(t.id(), "first_responded_at", now, now);
            tickets.audit(t.id(), now, agent, "first_response", null, now.toString());
            reschedule(tickets.byId(t.id(), false).orElseThrow());
        }
        return tickets.byId(t.id(), false).orElseThrow();
    }

    /** Moves the ticket along its workflow; waiting on the customer stops its clock (with the reason). */
    @Transactional(noRollbackFor = TicketAccess.Refused.class)
    public Ticket setStatus(String number, Actor by, String status, String reason) {
        if (!STATUSES.contains(status)) {
            throw invalid("status must be one of " + STATUSES + ".");
        }
        if (status.equals("resolved")) {
            throw invalid("Resolve a ticket with its remediation: POST …/resolve.");
        }
        if (reason != null && reason.length() > 500) {
            throw invalid("Give a reason of at most 500 characters.");
        }
        Ticket t = access.open(number, by, true, "status", status);
        access.requireOwner(t, by, "status", status);
        String actor = by.username();
        if (!NEXT.getOrDefault(t.status(), Set.of()).contains(status)) {
            throw conflict(
                    "Not allowed now",
                    t.number() + " is " + t.status() + "; from there it can go to "
                            + NEXT.getOrDefault(t.status(), Set.of()) + ".");
        }
        Instant now = clock.instant();
        if (status.equals("waiting_on_customer")) {
            tickets.pause(t.id(), now, reason == null || reason.isBlank() ? "waiting on the customer" : reason);
        } else if (t.status().equals("waiting_on_customer")) {
            tickets.resume(t.id(), now);
        }
        if (t.status().equals("resolved") || t.status().equals("closed")) {
            tickets.set(t.id(), "resolved_at", null, now);
        }
        change(t, "status", status, actor, now);
        Ticket after = tickets.byId(t.id(), false).orElseThrow();
        reschedule(after);
        return tickets.byId(t.id(), false).orElseThrow();
    }

    /** Resolves the ticket with what was done for the customer; its clocks stop. */
    @Transactional(noRollbackFor = TicketAccess.Refused.class)
    public Ticket resolve(String number, Actor by, String remediation) {
        if (remediation == null || remediation.isBlank() || remediation.length() > 4000) {
            throw invalid("Say what was done for the customer (the remediation), in 1 to 4,000 characters.");
        }
        Ticket t = access.open(number, by, true, "status", "resolved");
        access.requireOwner(t, by, "status", "resolved");
        String actor = by.username();
        if (!NEXT.getOrDefault(t.status(), Set.of()).contains("resolved")) {
            throw conflict("Not allowed now", t.number() + " is " + t.status() + " and cannot be resolved from there.");
        }
        Instant now = clock.instant();
        if (t.status().equals("waiting_on_customer")) {
            tickets.resume(t.id(), now);
        }
        tickets.set(t.id(), "remediation", remediation, now);
        tickets.audit(t.id(), now, actor, "remediation", t.remediation(), remediation);
        tickets.set(t.id(), "resolved_at", now, now);
        change(t, "status", "resolved", actor, now);
        reschedule(tickets.byId(t.id(), false).orElseThrow());
        return tickets.byId(t.id(), false).orElseThrow();
    }

    /**
     * Moves the work to another team; the owner stays the owner (first-contact ownership). A fund-safety ticket
     * leaves the risk queue only by a supervisor's hand, with the reason (see TicketAccess).
     */
    @Transactional(noRollbackFor = TicketAccess.Refused.class)
    public Ticket transfer(String number, Actor by, String queue, String reason) {
        if (!TicketAccess.QUEUES.contains(queue)) {
            throw invalid("queue must be general, senior or risk.");
        }
        if (reason != null && reason.length() > 500) {
            throw invalid("Give a reason of at most 500 characters.");
        }
        Ticket t = access.open(number, by, true, "queue", queue);
        access.requireTransfer(t, by, queue, reason);
        String actor = by.username();
        Instant now = clock.instant();
        if (!queue.equals(t.queue())) {
            tickets.set(t.id(), "queue", queue, now);
            tickets.audit(
                    t.id(),
                    now,
                    actor,
                    "queue",
                    t.queue(),
                    reason == null || reason.isBlank() ? queue : queue + " (" + reason + ")");
            events.publishEvent(new TicketChanged(t.id(), t.number(), "queue", t.queue(), queue, actor));
            reschedule(tickets.byId(t.id(), false).orElseThrow());
        }
        return tickets.byId(t.id(), false).orElseThrow();
    }

    /** Changes the tier (with the reason); the deadlines are computed again from the start. */
    @Transactional(noRollbackFor = TicketAccess.Refused.class)
    public Ticket changeTier(String number, Actor by, Tier tier, String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw invalid("Say why the tier changes, in 1 to 500 characters.");
        }
        Ticket t = access.open(number, by, true, "tier", tier.code());
        access.requireTier(t, by, tier);
        String actor = by.username();
        Instant now = clock.instant();
        if (tier != t.tier()) {
            tickets.set(t.id(), "tier", tier.code(), now);
            tickets.audit(t.id(), now, actor, "tier", t.tier().code(), tier.code() + " (" + reason + ")");
            events.publishEvent(
                    new TicketChanged(t.id(), t.number(), "tier", t.tier().code(), tier.code(), actor));
            Ticket after = tickets.byId(t.id(), false).orElseThrow();
            Instant oldDue = t.resolutionDueAt();
            SlaClock.Due due = reschedule(after);
            tickets.audit(
                    t.id(),
                    now,
                    "sla",
                    "deadlines",
                    oldDue == null ? null : oldDue.toString(),
                    due.resolution() == null ? "stopped" : due.resolution().toString());
        }
        return tickets.byId(t.id(), false).orElseThrow();
    }

    /** Computes the ticket's deadlines again and stores them on it. */
    private SlaClock.Due reschedule(Ticket t) {
        SlaClock.Due due = sla.schedule(new SlaClock.Subject(
                t.id(),
                t.tier().code(),
                t.fundSafety(),
                t.queue(),
                t.createdAt(),
                tickets.pauses(t.id()),
                t.firstRespondedAt() != null,
                t.status().equals("resolved") || t.status().equals("closed")));
        Instant now = clock.instant();
        tickets.set(t.id(), "first_response_due_at", due.firstResponse(), now);
        tickets.set(t.id(), "resolution_due_at", due.resolution(), now);
        return due;
    }

    private void change(Ticket t, String field, String value, String actor, Instant now) {
        tickets.set(t.id(), field, value, now);
        tickets.audit(t.id(), now, actor, field, t.status(), value);
        events.publishEvent(new TicketChanged(t.id(), t.number(), field, t.status(), value, actor));
    }

    private Ticket lock(String number) {
        return tickets.byNumber(number, true).orElseThrow(() -> notFound(number));
    }

    /** The ticket as a bot message's {@code meta.ticket} and the customer API show it. */
    static Map<String, Object> meta(Ticket t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", t.number());
        m.put("category", t.category());
        m.put("tier", t.tier().code());
        m.put("fundSafety", t.fundSafety());
        m.put("queue", t.queue());
        m.put("status", t.status());
        m.put(
                "firstResponseDueAt",
                t.firstResponseDueAt() == null ? null : t.firstResponseDueAt().toString());
        m.put(
                "resolutionDueAt",
                t.resolutionDueAt() == null ? null : t.resolutionDueAt().toString());
        m.put("reasons", t.reasons());
        return m;
    }

    private String promise(Ticket t, SlaClock.Due due, boolean en) {
        String first = duration(due.firstResponseTarget(), en);
        String resolve = duration(due.resolutionTarget(), en);
        String hours = sla.calendar(t.queue()).isAlways() ? "" : (en ? " working" : "工作");
        if (t.fundSafety()) {
            return en
                    ? "Your complaint number is " + t.number() + ". Our risk team will contact you within " + first
                            + ", and we will resolve it within " + resolve + hours + "."
                    : "您的投诉编号是 " + t.number() + "。风险团队会在 " + first + "内联系您，并在" + hours + " " + resolve + "内处理完毕。";
        }
        String tier = en
                ? t.tier().code()
                : switch (t.tier()) {
                    case ORDINARY -> "普通";
                    case URGENT -> "紧急";
                    case MAJOR -> "重大";
                };
        return en
                ? "Your complaint number is " + t.number() + " (" + tier + "). A member of our team will reply within "
                        + first + hours + " and we will resolve it within " + resolve + hours
                        + ". Ask me about it at any time."
                : "您的投诉编号是 " + t.number() + "（" + tier + "）。我们的同事会在" + hours + " " + first + "内回复您，并在" + hours + " "
                        + resolve + "内处理完毕。您可以随时问我进展。";
    }

    private static String statusText(Ticket t, boolean en) {
        String team = switch (t.queue()) {
            case "risk" -> en ? "our risk team" : "风险团队";
            case "senior" -> en ? "our senior complaints team" : "高级投诉团队";
            default -> en ? "our complaints team" : "投诉团队";
        };
        String status = switch (t.status()) {
            case "new" -> en ? "received and waiting for the first available colleague" : "已受理，正在等待同事接手";
            case "assigned" -> en ? "with a colleague" : "已有同事负责";
            case "in_progress" -> en ? "being worked on" : "正在处理";
            case "waiting_on_customer" -> en ? "waiting for your reply" : "正在等待您的回复";
            case "resolved" -> en ? "resolved" : "已解决";
            default -> en ? "closed" : "已结案";
        };
        String due = t.resolutionDueAt() == null
                        || t.status().equals("resolved")
                        || t.status().equals("closed")
                ? ""
                : (en ? " We will resolve it by " : "处理期限：")
                        + t.resolutionDueAt().toString().replace('T', ' ').replaceAll(":\\d\\d(\\.\\d+)?Z$", " UTC")
                        + (en ? "." : "。");
        return en
                ? "Your complaint " + t.number() + " is " + status + " (" + team + ")." + due
                : "您的投诉 " + t.number() + " " + status + "（" + team + "）。" + due;
    }

    private static String duration(Duration d, boolean en) {
        long minutes = d.toMinutes();
        if (minutes < 120 && minutes % 60 != 0) {
            return minutes + (en ? (minutes == 1 ? " minute" : " minutes") : " 分钟");
        }
        long hours = d.toHours();
        return hours + (en ? (hours == 1 ? " hour" : " hours") : " 小时");
    }

    /** The same answer for an unknown number and for a ticket the caller may not read. */
    static TicketAccess.Refused notFound(String number) {
        return new TicketAccess.Refused(
                HttpStatus.NOT_FOUND, "Complaint not found", "No complaint numbered '" + number + "' is open to you.");
    }

    private static ErrorResponseException invalid(String detail) {
        return problem(HttpStatus.BAD_REQUEST, "Request not accepted", detail);
    }

    private static ErrorResponseException conflict(String title, String detail) {
        return problem(HttpStatus.CONFLICT, title, detail);
    }

    static ErrorResponseException problem(HttpStatus status, String title, String detail) {
        ErrorResponseException e = new ErrorResponseException(status);
        e.getBody().setTitle(title);
        e.getBody().setDetail(detail);
        return e;
    }
}
