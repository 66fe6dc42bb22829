package dev.teller.intents.cli;

import dev.teller.intents.ComplaintSignals;
import dev.teller.intents.Cue;
import dev.teller.intents.Understanding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON shape of an {@link Understanding}, as {@code classify --json} prints it (documented in the README). */
final class UnderstandingJson {

    private UnderstandingJson() {}

    static Map<String, Object> of(String text, Understanding u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", text);
        m.put("language", u.language().code());
        m.put("intent", u.intent());
        m.put("confidence", round(u.confidence()));
        m.put("outOfScope", u.outOfScope());
        m.put(
                "intents",
                u.intents().stream()
                        .map(i -> Map.of("intent", i.intent(), "confidence", round(i.confidence())))
                        .toList());
        m.put(
                "sentiment",
                Map.of(
                        "score", round(u.sentiment().score()),
                        "label", lower(u.sentiment().label()),
                        "triggers", u.sentiment().triggers()));
        ComplaintSignals c = u.complaint();
        Map<String, Object> complaint = new LinkedHashMap<>();
        complaint.put("probability", round(c.probability()));
        complaint.put("triggers", c.triggers());
        complaint.put("category", lower(c.category()));
        complaint.put("categoryTriggers", c.categoryTriggers());
        complaint.put("fundSafety", cues(c.fundSafety()));
        complaint.put("escalation", cues(c.escalation()));
        if (c.amount() != null) {
            Map<String, Object> amount = new LinkedHashMap<>();
            amount.put("amount", c.amount().amount().toPlainString());
            amount.put("currency", c.amount().currency());
            amount.put("trigger", c.amount().trigger());
            complaint.put("amount", amount);
        } else {
            complaint.put("amount", null);
        }
        m.put("complaint", complaint);
        m.put("truncated", u.truncated());
        return m;
    }

    private static List<Map<String, String>> cues(List<Cue> cues) {
        return cues.stream()
                .map(c -> Map.of("kind", c.kind(), "trigger", c.trigger()))
                .toList();
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
