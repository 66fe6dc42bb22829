package dev.teller.server.conversation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.teller.intents.Understanding;
import dev.teller.kb.Hit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A bot reply's {@code meta}, as docs/protocol.md describes it: what the bot read in the customer's message, and
 * whichever of the article, suggestions, complaint question, escalation, ticket and rewording the reply has. The
 * fields it has not are left out of the JSON, in this order.
 *
 * @param ticket the complaint's {@code meta.ticket}, as the complaints feature gives it ({@link ComplaintDesk.Status})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "intent",
    "confidence",
    "sentiment",
    "complaint",
    "handoff",
    "followUpAnswered",
    "ticket",
    "articleId",
    "articleTitle",
    "link",
    "suggestions",
    "complaintQuestion",
    "escalation",
    "citations",
    "phrased"
})
public record ReplyMeta(
        String intent,
        double confidence,
        double sentiment,
        double complaint,
        boolean handoff,
        Boolean followUpAnswered,
        Map<String, Object> ticket,
        String articleId,
        String articleTitle,
        String link,
        List<String> suggestions,
        String complaintQuestion,
        EscalationNote escalation,
        List<Citation> citations,
        Boolean phrased) {

    /** An article a reworded answer rests on. */
    @JsonPropertyOrder({"articleId", "title", "link"})
    public record Citation(String articleId, String title, String link) {}

    /**
     * The escalation a reply makes, as its meta shows it: the stored record's id (none until it is stored) and why.
     */
    sealed interface EscalationNote {
        EscalationNote withId(UUID id);
    }

    /** A request for a person. */
    @JsonPropertyOrder({"id", "reasons"})
    public record HandoffNote(
            @JsonInclude(JsonInclude.Include.NON_NULL) String id, List<String> reasons) implements EscalationNote {
        @Override
        public HandoffNote withId(UUID id) {
            return new HandoffNote(id.toString(), reasons);
        }
    }

    /** A complaint, with the signals it was escalated on (an amount or a time not given is null). */
    @JsonPropertyOrder({
        "id",
        "probability",
        "category",
        "triggers",
        "fundSafety",
        "escalationCues",
        "amount",
        "when",
        "reasons"
    })
    public record ComplaintNote(
            @JsonInclude(JsonInclude.Include.NON_NULL) String id,
            double probability,
            String category,
            List<String> triggers,
            List<String> fundSafety,
            List<String> escalationCues,
            String amount,
            String when,
            List<String> reasons)
            implements EscalationNote {
        @Override
        public ComplaintNote withId(UUID id) {
            return new ComplaintNote(
                    id.toString(), probability, category, triggers, fundSafety, escalationCues, amount, when, reasons);
        }
    }

    /** What every reply says of the message it answers: its intent, sentiment and complaint probability. */
    public static ReplyMeta of(Understanding u) {
        Change c = new Change();
        c.intent = u.intent();
        c.confidence = round(u.confidence());
        c.sentiment = round(u.sentiment().score());
        c.complaint = round(u.complaint().probability());
        return c.meta();
    }

    /** The reply to an answer to another feature's question (an NPS survey). */
    public ReplyMeta answeringFollowUp() {
        return with(c -> c.followUpAnswered = true);
    }

    public ReplyMeta withTicket(Map<String, Object> ticket) {
        return with(c -> c.ticket = ticket);
    }

    /** The article the reply quotes: its id, title and link. */
    public ReplyMeta withArticle(Hit hit) {
        return with(c -> {
            c.articleId = hit.article().id();
            c.articleTitle = hit.article().title();
            c.link = "/api/v1/articles/" + hit.article().id();
        });
    }

    /** The article that may answer a complaint, by its id alone. */
    public ReplyMeta withArticleId(String articleId) {
        return with(c -> c.articleId = articleId);
    }

    public ReplyMeta withSuggestions(List<String> suggestions) {
        return with(c -> c.suggestions = List.copyOf(suggestions));
    }

    /** A complaint's missing fact the reply asks for ({@code what}, {@code when}, {@code amount}). */
    public ReplyMeta asking(String fact) {
        return with(c -> c.complaintQuestion = fact);
    }

    /** A person brought in: {@code handoff: true} and why. */
    public ReplyMeta escalating(EscalationNote note) {
        return with(c -> {
            c.handoff = true;
            c.escalation = note;
        });
    }

    /** The escalation as stored, with its record's id. */
    public ReplyMeta withEscalationId(UUID id) {
        return with(c -> c.escalation = escalation.withId(id));
    }

    /** An article answer the language model reworded, with the articles it rests on. */
    public ReplyMeta reworded(List<Citation> citations) {
        return with(c -> {
            c.citations = List.copyOf(citations);
            c.phrased = true;
        });
    }

    private ReplyMeta with(Consumer<Change> change) {
        Change c = new Change(this);
        change.accept(c);
        return c.meta();
    }

    /** A meta being changed: the one place its fields are listed in order. */
    private static final class Change {
        String intent;
        double confidence;
        double sentiment;
        double complaint;
        boolean handoff;
        Boolean followUpAnswered;
        Map<String, Object> ticket;
        String articleId;
        String articleTitle;
        String link;
        List<String> suggestions;
        String complaintQuestion;
        EscalationNote escalation;
        List<Citation> citations;
        Boolean phrased;

        Change() {}

        Change(ReplyMeta m) {
            intent = m.intent;
            confidence = m.confidence;
            sentiment = m.sentiment;
            complaint = m.complaint;
            handoff = m.handoff;
            followUpAnswered = m.followUpAnswered;
            ticket = m.ticket;
            articleId = m.articleId;
            articleTitle = m.articleTitle;
            link = m.link;
            suggestions = m.suggestions;
            complaintQuestion = m.complaintQuestion;
            escalation = m.escalation;
            citations = m.citations;
            phrased = m.phrased;
        }

        ReplyMeta meta() {
            return new ReplyMeta(
                    intent,
                    confidence,
                    sentiment,
                    complaint,
                    handoff,
                    followUpAnswered,
                    ticket,
                    articleId,
                    articleTitle,
                    link,
                    suggestions,
                    complaintQuestion,
                    escalation,
                    citations,
                    phrased);
        }
    }

    public static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
