package dev.teller.server.conversation;

import dev.teller.intents.ComplaintSignals;
import dev.teller.intents.Intents;
import dev.teller.intents.Language;
import dev.teller.intents.Understanding;
import dev.teller.kb.Hit;
import dev.teller.kb.SearchResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides the bot's reply to one customer message from what the message means (the intents module) and what
 * the knowledge base found. Pure logic: no storage, no clock.
 *
 * <p>In order: a request for a person is honoured; a complaint is acknowledged and escalated with its
 * reasons; greetings, thanks and goodbyes get a short reply; an answerable article is quoted with follow-up
 * suggestions; two close readings get a clarifying question; anything else gets an honest "I don't know"
 * with the offer of a person, and a second miss in a row, or strong distress, brings that offer forward.
 */
final class DialoguePolicy {

    /** The complaint probability from which a message is treated as a complaint. */
    static final double COMPLAINT = 0.6;
    /** Sentiment at or below which the customer is offered a person whatever else happens. */
    static final double DISTRESS = -0.6;

    enum Kind {
        ANSWER,
        CLARIFY,
        FALLBACK,
        SMALL_TALK,
        HANDOFF,
        COMPLAINT
    }

    /** The reply, its meta, and the misses in a row after it. */
    record Decision(Kind kind, String text, Map<String, Object> meta, int misses) {}

    private DialoguePolicy() {}

    static Decision decide(Understanding u, SearchResult found, int missesBefore) {
        boolean en = u.language() == Language.EN;
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("intent", u.intent());
        meta.put("confidence", round(u.confidence()));
        meta.put("sentiment", round(u.sentiment().score()));
        meta.put("handoff", false);
        boolean distressed = u.sentiment().score() <= DISTRESS;
        String intent = u.intent();

        if (intent.equals(Intents.REQUEST_HUMAN)) {
            meta.put("handoff", true);
            return new Decision(
                    Kind.HANDOFF,
                    en
                            ? "Of course. I'm bringing in one of our team; they will see this conversation, so you won't have to repeat yourself."
                            : "好的，我这就为您转接人工客服。同事会看到我们之前的对话，您不用再重复。",
                    meta,
                    0);
        }
        ComplaintSignals c = u.complaint();
        if (c.probability() >= COMPLAINT || c.fundSafetyRisk()) {
            meta.put("handoff", true);
            meta.put("escalation", escalation(c));
            found.answer().ifPresent(hit -> meta.put("articleId", hit.article().id()));
            String text = c.fundSafetyRisk()
                    ? (en
                            ? "I'm sorry this happened. Please freeze your card in the app now (Cards → Freeze). I've passed this straight to our risk team, who will reply within 2 minutes."
                            : "很抱歉遇到这种情况。请先在 App 里冻结卡片（「卡片 → 冻结」）。我已把情况直接转给风险团队，他们会在 2 分钟内回复您。")
                    : (en
                            ? "I'm sorry about this, and I've recorded it as a complaint. A member of our team will take it from here and keep you informed."
                            : "非常抱歉给您带来不便，我已将此记录为投诉。我们的同事会接手处理，并随时告知您进展。");
            return new Decision(Kind.COMPLAINT, text, meta, 0);
        }
        if (!u.outOfScope() && u.confidence() >= 0.6 && smallTalk(intent) != null) {
            return new Decision(Kind.SMALL_TALK, smallTalk(intent)[en ? 0 : 1], meta, 0);
        }
        if (found.answerable()) {
            Hit hit = found.hits().get(0);
            meta.put("articleId", hit.article().id());
            meta.put("articleTitle", hit.article().title());
            meta.put("link", "/api/v1/articles/" + hit.article().id());
            List<String> suggestions = new ArrayList<>();
            for (Hit other : found.hits().subList(1, Math.min(3, found.hits().size()))) {
                suggestions.add(other.article().title());
            }
            if (distressed) {
                suggestions.add(en ? "Talk to a person" : "转人工");
            }
            meta.put("suggestions", suggestions);
            return new Decision(Kind.ANSWER, hit.article().title() + "\n" + hit.snippet(), meta, 0);
        }
        int misses = missesBefore + 1;
        if (!u.outOfScope() && found.hits().size() >= 2 && misses < 2 && !distressed) {
            List<String> choices =
                    found.hits().stream().limit(3).map(h -> h.article().title()).toList();
            meta.put("suggestions", choices);
            return new Decision(
                    Kind.CLARIFY,
                    en ? "I want to get this right. Did you mean one of these?" : "我想确认一下，您是想问下面哪一个？",
                    meta,
                    misses);
        }
        boolean offerNow = misses >= 2 || distressed;
        meta.put("suggestions", List.of(en ? "Talk to a person" : "转人工"));
        String text = en
                ? (offerNow
                        ? "I'm sorry, I still can't answer that. Shall I bring in a person from our team?"
                        : "I don't know that one, and I'd rather not guess. Could you put it another way, or shall I bring in a person?")
                : (offerNow ? "抱歉，这个问题我还是答不上来。要为您转接人工客服吗？" : "这个问题我不太清楚，不想乱答。您可以换个说法，或者我为您转接人工客服。");
        return new Decision(Kind.FALLBACK, text, meta, misses);
    }

    private static String[] smallTalk(String intent) {
        return switch (intent) {
            case Intents.GREETING -> new String[] {"Hello! How can I help you today?", "您好！请问有什么可以帮您？"};
            case Intents.THANKS -> new String[] {"You're welcome. Anything else I can help with?", "不客气，还有什么可以帮您的吗？"};
            case Intents.GOODBYE -> new String[] {"Goodbye, and thank you for banking with us.", "再见，感谢您的信任。"};
            default -> null;
        };
    }

    private static Map<String, Object> escalation(ComplaintSignals c) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("probability", round(c.probability()));
        e.put("category", c.category() == null ? null : c.category().name().toLowerCase(java.util.Locale.ROOT));
        e.put("triggers", c.triggers());
        e.put(
                "fundSafety",
                c.fundSafety().stream()
                        .map(cue -> cue.kind() + ": " + cue.trigger())
                        .toList());
        e.put(
                "escalationCues",
                c.escalation().stream()
                        .map(cue -> cue.kind() + ": " + cue.trigger())
                        .toList());
        if (c.amount() != null) {
            e.put("amount", c.amount().amount() + " " + c.amount().currency());
        }
        return e;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
