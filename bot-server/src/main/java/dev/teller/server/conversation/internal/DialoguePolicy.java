package dev.teller.server.conversation.internal;

import dev.teller.intents.ComplaintSignals;
import dev.teller.intents.Intents;
import dev.teller.intents.Language;
import dev.teller.intents.Understanding;
import dev.teller.kb.Hit;
import dev.teller.kb.SearchResult;
import dev.teller.server.conversation.ComplaintDesk;
import dev.teller.server.conversation.ComplaintFacts;
import dev.teller.server.conversation.ConversationTexts;
import dev.teller.server.conversation.EscalationDetails;
import dev.teller.server.conversation.ReplyMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Decides the bot's reply to one customer message from what the message means (the intents module), what the
 * knowledge base found and what the conversation remembers. Pure logic: no storage, no clock; its words come from
 * the message bundle ({@link ConversationTexts}), in the customer's language.
 *
 * <p>In order: a complaint being taken down takes the message as an answer; a request for a person is
 * honoured; a complaint is acknowledged, and at most {@link ComplaintIntake#MAX_QUESTIONS} questions ask for
 * what is missing (what happened, when, how much) before it is escalated with its reasons (a fund-safety case
 * at once); greetings, thanks and goodbyes get a short reply; an answerable article is quoted with follow-up
 * suggestions; two close readings get a clarifying question; anything else gets an honest "I don't know" with
 * the offer of a person, and a second miss in a row, or distress (strong, or rising), brings that offer
 * forward.
 */
@Component
public class DialoguePolicy {

    /** The complaint probability from which a message is treated as a complaint. */
    static final double COMPLAINT = 0.6;
    /** Sentiment at or below which the customer is offered a person whatever else happens. */
    static final double DISTRESS = -0.6;
    /** A fall in sentiment from one message to the next that counts as rising distress (once negative). */
    static final double DISTRESS_RISE = 0.3;

    /** The customer says outright that they want to complain, which the bot honours whatever the classifier says. */
    private static final java.util.regex.Pattern WANTS_TO_COMPLAIN = java.util.regex.Pattern.compile(
            "(?iu)\\b(make|file|lodge|raise|register|submit|log|open)\\b.{0,20}\\bcomplaint\\b"
                    + "|\\b(want|like|need|going) to complain\\b|^\\s*complaint\\s*[.!]*\\s*$"
                    + "|(我要|我想|想要|需要|我需要)(投诉|申诉)|^\\s*投诉\\s*[。！!]*\\s*$");

    /** The small talk the bot answers, by intent: the key of its reply. */
    private static final Map<String, String> SMALL_TALK = Map.of(
            Intents.GREETING, "reply.greeting", Intents.THANKS, "reply.thanks", Intents.GOODBYE, "reply.goodbye");

    private final ConversationTexts texts;

    DialoguePolicy(ConversationTexts texts) {
        this.texts = texts;
    }

    enum Kind {
        ANSWER,
        CLARIFY,
        FALLBACK,
        SMALL_TALK,
        HANDOFF,
        COMPLAINT_QUESTION,
        COMPLAINT,
        COMPLAINT_STATUS,
        /** More about a complaint already filed in the conversation: added to it, not filed again. */
        COMPLAINT_ADDED,
        FOLLOW_UP
    }

    /**
     * What the conversation remembers between turns.
     *
     * @param lastSentiment the sentiment of the customer's previous message, or null
     * @param intake the complaint being taken down, or null
     */
    record Context(int misses, Double lastSentiment, ComplaintIntake intake, ComplaintDesk.Status ticketStatus) {
        static final Context NEW = new Context(0, null, null, null);

        Context(int misses, Double lastSentiment, ComplaintIntake intake) {
            this(misses, lastSentiment, intake, null);
        }
    }

    /**
     * A person brought in: a complaint or a request for one.
     *
     * @param kind {@code complaint} or {@code handoff}
     * @param reasons why, in words a person can check against the conversation
     */
    record Escalation(
            String kind,
            String category,
            boolean fundSafety,
            List<String> reasons,
            EscalationDetails details,
            ComplaintFacts facts) {}

    /**
     * The reply, its meta, and what the conversation remembers after it.
     *
     * @param intake the complaint still being taken down after this reply, or null
     * @param escalation the escalation this reply makes, or null
     */
    record Decision(Kind kind, String text, ReplyMeta meta, int misses, ComplaintIntake intake, Escalation escalation) {
        Decision(Kind kind, String text, ReplyMeta meta, int misses) {
            this(kind, text, meta, misses, null, null);
        }

        /** The same reply in other words, with the meta that says so. */
        Decision reworded(String text, ReplyMeta meta) {
            return new Decision(kind, text, meta, misses, intake, escalation);
        }
    }

    /** The reply to a message that answered a question another feature asked (an NPS survey). */
    Decision answered(Understanding u, String reply) {
        return new Decision(Kind.FOLLOW_UP, reply, ReplyMeta.of(u).answeringFollowUp(), 0);
    }

    /** @param text the customer's message as stored (masked) */
    Decision decide(Understanding u, String text, SearchResult found, Context context) {
        ReplyMeta meta = ReplyMeta.of(u);
        double score = u.sentiment().score();
        boolean distressed = score <= DISTRESS
                || (context.lastSentiment() != null && score < 0 && context.lastSentiment() - score >= DISTRESS_RISE);
        String intent = u.intent();
        boolean wantsPerson = intent.equals(Intents.REQUEST_HUMAN);

        if (context.intake() != null) {
            ComplaintIntake intake = context.intake().with(u, text);
            return intakeStep(intake, wantsPerson, false, found, meta);
        }
        if (wantsPerson) {
            boolean en = u.language() == Language.EN;
            List<String> reasons = List.of(texts.text(en, "reason.asked-for-person"));
            Escalation e = new Escalation(
                    "handoff", null, false, reasons, new EscalationDetails.Handoff(text, en ? "en" : "zh"), null);
            return new Decision(
                    Kind.HANDOFF,
                    texts.text(en, "reply.handoff"),
                    meta.escalating(new ReplyMeta.HandoffNote(null, reasons)),
                    0,
                    null,
                    e);
        }
        ComplaintSignals c = u.complaint();
        boolean wantsToComplain = WANTS_TO_COMPLAIN.matcher(text).find();
        ComplaintDesk.Status ticket = context.ticketStatus();
        if (ticket != null && !wantsToComplain && intent.equals(Intents.COMPLAINT_STATUS) && !c.fundSafetyRisk()) {
            return new Decision(Kind.COMPLAINT_STATUS, ticket.text(), meta.withTicket(ticket.ticket()), 0);
        }
        if (ticket != null && !wantsToComplain && ticket.open() && (!c.fundSafetyRisk() || ticket.fundSafety())) {
            // "The amount was 30 pounds" after the complaint was filed: the same complaint, said more of. It stays in
            // the conversation its team reads; a new complaint needs the customer to say so, or a new danger to
            // their money that the open one does not cover.
            return new Decision(
                    Kind.COMPLAINT_ADDED,
                    texts.text(u.language() == Language.EN, "reply.complaint.added", ticket.number()),
                    meta.withTicket(ticket.ticket()),
                    0);
        }
        if (complaintLike(u) || wantsToComplain) {
            return intakeStep(ComplaintIntake.start(u, text), false, true, found, meta);
        }
        boolean en = u.language() == Language.EN;
        String smallTalk = SMALL_TALK.get(intent);
        if (!u.outOfScope() && u.confidence() >= 0.6 && smallTalk != null) {
            return new Decision(Kind.SMALL_TALK, texts.text(en, smallTalk), meta, 0);
        }
        if (found.answerable()) {
            Hit hit = found.hits().get(0);
            List<String> suggestions = new ArrayList<>();
            for (Hit other : found.hits().subList(1, Math.min(3, found.hits().size()))) {
                suggestions.add(other.article().title());
            }
            if (distressed) {
                suggestions.add(texts.text(en, "reply.talk-to-a-person"));
            }
            return new Decision(
                    Kind.ANSWER,
                    hit.article().title() + "\n" + hit.snippet(),
                    meta.withArticle(hit).withSuggestions(suggestions),
                    0);
        }
        int misses = context.misses() + 1;
        if (!u.outOfScope() && found.hits().size() >= 2 && misses < 2 && !distressed) {
            List<String> choices =
                    found.hits().stream().limit(3).map(h -> h.article().title()).toList();
            return new Decision(Kind.CLARIFY, texts.text(en, "reply.clarify"), meta.withSuggestions(choices), misses);
        }
        boolean offerNow = misses >= 2 || distressed;
        return new Decision(
                Kind.FALLBACK,
                texts.text(en, offerNow ? "reply.fallback.again" : "reply.fallback.first"),
                meta.withSuggestions(List.of(texts.text(en, "reply.talk-to-a-person"))),
                misses);
    }

    /** Whether a message reads as a complaint: likely enough, or a danger to the customer's money. */
    static boolean complaintLike(Understanding u) {
        return u.complaint().probability() >= COMPLAINT || u.complaint().fundSafetyRisk();
    }

    /**
     * One step of taking a complaint down: ask for the next missing fact, or escalate when nothing is missing,
     * the questions are used up, money is at risk, or the customer asks for a person.
     */
    private Decision intakeStep(
            ComplaintIntake intake, boolean wantsPerson, boolean first, SearchResult found, ReplyMeta understood) {
        boolean en = intake.facts().language().equals("en");
        List<String> missing = intake.missing();
        ReplyMeta meta = found.answer()
                .map(hit -> understood.withArticleId(hit.article().id()))
                .orElse(understood);
        if (!intake.fundSafetyRisk()
                && !wantsPerson
                && !missing.isEmpty()
                && intake.asked().size() < ComplaintIntake.MAX_QUESTIONS) {
            String fact = missing.get(0);
            String question = texts.text(en, "reply.complaint.ask." + fact);
            return new Decision(
                    Kind.COMPLAINT_QUESTION,
                    texts.text(
                            en, first ? "reply.complaint.first-question" : "reply.complaint.next-question", question),
                    meta.asking(fact),
                    0,
                    intake.asking(fact),
                    null);
        }
        List<String> reasons = intake.reasons(texts);
        if (wantsPerson) {
            reasons = new ArrayList<>(reasons);
            reasons.add(texts.text(en, "reason.asked-for-person"));
        }
        Escalation e = new Escalation(
                "complaint",
                intake.facts().category(),
                intake.fundSafetyRisk(),
                reasons,
                intake.details(),
                intake.facts());
        String filed = texts.text(en, "reply.complaint.filed");
        String text = intake.fundSafetyRisk()
                ? texts.text(en, "reply.complaint.fund-safety")
                : first ? filed : texts.text(en, "reply.complaint.filed-after-questions", filed);
        return new Decision(Kind.COMPLAINT, text, meta.escalating(intake.note(reasons)), 0, null, e);
    }
}
