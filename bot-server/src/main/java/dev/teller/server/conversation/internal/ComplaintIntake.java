package dev.teller.server.conversation.internal;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.teller.intents.ComplaintSignals;
import dev.teller.intents.Cue;
import dev.teller.intents.Language;
import dev.teller.intents.Understanding;
import dev.teller.server.conversation.ComplaintFacts;
import dev.teller.server.conversation.ConversationTexts;
import dev.teller.server.conversation.EscalationDetails;
import dev.teller.server.conversation.ReplyMeta;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A complaint being taken down before it is escalated: what the customer has said so far and the signals in
 * it, merged over the turns. Knows which of the facts an agent needs first (what happened, when, how much) are
 * still missing. Immutable; stored with the conversation as JSON between turns.
 *
 * @param facts what the customer has said so far and the signals in it (stored flat, as the fields of the intake)
 * @param asked the facts already asked for ({@code what}, {@code when}, {@code amount})
 */
public record ComplaintIntake(@JsonUnwrapped ComplaintFacts facts, List<String> asked) {

    /** The most questions asked before a complaint is escalated with what is known. */
    static final int MAX_QUESTIONS = 2;

    private static final Pattern WHEN =
            Pattern.compile("(?iu)\\b(today|yesterday|tonight|this (?:morning|afternoon|evening|week|month|year)"
                    + "|last (?:night|week|month|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                    + "|(?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                    + "|(?:a|an|one|two|three|four|five|six|seven|few|couple of|\\d+) (?:minutes?|hours?|days?|weeks?|months?|years?)(?: ago)?"
                    + "|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* \\d{1,2}(?:st|nd|rd|th)?"
                    + "|\\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
                    + "|\\d{1,4}[/.-]\\d{1,2}(?:[/.-]\\d{1,4})?|just now|earlier|recently|since \\w+)\\b"
                    + "|(今天|昨天|前天|今早|昨晚|刚才|刚刚|上午|下午|早上|晚上|最近|上周[一二三四五六日天]?|本周|这周|上个?月|这个?月"
                    + "|星期[一二三四五六日天]|周[一二三四五六日天]|[0-9一二三四五六七八九十两几]+\\s*(?:分钟|小时|天|周|个月|年)前?"
                    + "|[0-9一二三四五六七八九十]+\\s*月\\s*[0-9一二三四五六七八九十]*\\s*[日号]?|[0-9一二三四五六七八九十]+\\s*[日号])");

    private static final Pattern MONEY_MATTER = Pattern.compile(
            "(?iu)\\b(charg\\w*|fees?|paid|pay(?:ment)?s?|refund\\w*|transfer\\w*|money|debit\\w*|withdr\\w*|cash"
                    + "|interest|deduct\\w*|overcharg\\w*|bill\\w*)\\b|扣|费|钱|转账|汇款|退款|付款|支付|取款|利息|金额");

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

    /** Starts an intake from the first complaint message. */
    public static ComplaintIntake start(Understanding u, String text) {
        ComplaintSignals c = u.complaint();
        return new ComplaintIntake(
                new ComplaintFacts(
                        u.language() == Language.EN ? "en" : "zh",
                        List.of(text),
                        c.probability(),
                        c.category() == null ? null : c.category().name().toLowerCase(Locale.ROOT),
                        c.categoryTriggers(),
                        c.triggers(),
                        c.fundSafety(),
                        c.escalation(),
                        c.amount(),
                        when(text),
                        u.sentiment().score()),
                List.of());
    }

    /** This intake with one more customer message (an answer to the last question) merged in. */
    ComplaintIntake with(Understanding u, String text) {
        ComplaintSignals c = u.complaint();
        ComplaintFacts f = facts;
        List<String> allTexts = new ArrayList<>(f.texts());
        allTexts.add(text);
        return new ComplaintIntake(
                new ComplaintFacts(
                        f.language(),
                        allTexts,
                        Math.max(f.probability(), c.probability()),
                        f.category() != null || c.category() == null
                                ? f.category()
                                : c.category().name().toLowerCase(Locale.ROOT),
                        f.category() != null ? f.categoryTriggers() : c.categoryTriggers(),
                        union(f.triggers(), c.triggers()),
                        union(f.fundSafety(), c.fundSafety()),
                        union(f.escalation(), c.escalation()),
                        f.amount() != null ? f.amount() : c.amount(),
                        f.when() != null ? f.when() : when(text),
                        Math.min(f.minSentiment(), u.sentiment().score())),
                asked);
    }

    ComplaintIntake asking(String fact) {
        List<String> a = new ArrayList<>(asked);
        a.add(fact);
        return new ComplaintIntake(facts, a);
    }

    /** The facts still missing that have not been asked for yet, most needed first. */
    List<String> missing() {
        String all = String.join("\n", facts.texts());
        List<String> out = new ArrayList<>();
        long words = WORD.matcher(all).results().count();
        long han = HAN.matcher(all).results().count();
        if (words < 7 && han < 10) {
            out.add("what");
        }
        if (facts.when() == null) {
            out.add("when");
        }
        if (facts.amount() == null && MONEY_MATTER.matcher(all).find()) {
            out.add("amount");
        }
        out.removeAll(asked);
        return out;
    }

    boolean fundSafetyRisk() {
        return !facts.fundSafety().isEmpty();
    }

    /**
     * Why this is a complaint, and why it matters, in words a person can check against the conversation (in the
     * customer's language, with the words quoted as they wrote them).
     */
    List<String> reasons(ConversationTexts texts) {
        boolean en = facts.language().equals("en");
        List<String> out = new ArrayList<>();
        String p = String.valueOf(round(facts.probability()));
        out.add(
                facts.triggers().isEmpty()
                        ? texts.text(en, "reason.complaint", p)
                        : texts.text(en, "reason.complaint.triggers", p, quoted(facts.triggers())));
        if (facts.category() != null) {
            out.add(
                    facts.categoryTriggers().isEmpty()
                            ? texts.text(en, "reason.category", facts.category())
                            : texts.text(
                                    en,
                                    "reason.category.triggers",
                                    facts.category(),
                                    quoted(facts.categoryTriggers())));
        }
        for (String f : cues(facts.fundSafety())) {
            out.add(texts.text(en, "reason.fund-safety", f));
        }
        for (String e : cues(facts.escalation())) {
            out.add(texts.text(en, "reason.may-take-further", e));
        }
        if (facts.amount() != null) {
            out.add(texts.text(en, "reason.amount", money(), facts.amount().trigger()));
        }
        if (facts.when() != null) {
            out.add(texts.text(en, "reason.when", facts.when()));
        }
        if (facts.minSentiment() <= DialoguePolicy.DISTRESS) {
            out.add(texts.text(en, "reason.distress", String.valueOf(round(facts.minSentiment()))));
        }
        return out;
    }

    /** What the agent (and the complaints feature) gets to work from. */
    EscalationDetails.Complaint details() {
        return new EscalationDetails.Complaint(
                String.join("\n", facts.texts()), facts.when(), money(), asked, facts.language());
    }

    /** The escalation as the reply's meta shows it, with the signals it was escalated on and why. */
    ReplyMeta.ComplaintNote note(List<String> reasons) {
        return new ReplyMeta.ComplaintNote(
                null,
                ReplyMeta.round(facts.probability()),
                facts.category(),
                facts.triggers(),
                cues(facts.fundSafety()),
                cues(facts.escalation()),
                money(),
                facts.when(),
                reasons);
    }

    private static String when(String text) {
        Matcher m = WHEN.matcher(text);
        return m.find() ? m.group().strip() : null;
    }

    /** The amount as "120 GBP", or null. */
    String money() {
        return facts.amount() == null
                ? null
                : facts.amount().amount().toPlainString()
                        + (facts.amount().currency() == null
                                ? ""
                                : " " + facts.amount().currency());
    }

    static List<String> cues(List<Cue> cues) {
        return cues.stream()
                .map(cue -> cue.kind() + ": '" + cue.trigger() + "'")
                .toList();
    }

    private static <T> List<T> union(List<T> a, List<T> b) {
        LinkedHashSet<T> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return List.copyOf(s);
    }

    private static String quoted(List<String> words) {
        return String.join(", ", words.stream().map(w -> "'" + w + "'").toList());
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
