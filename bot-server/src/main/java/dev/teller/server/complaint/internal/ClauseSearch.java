package dev.teller.server.complaint.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Picks the clauses of an article (its rules, fees, limits, deadlines) that bear most on what the customer said,
 * for the agent to quote: a count of shared words (or, in Chinese, characters), with a small stop list of its own.
 */
final class ClauseSearch {

    private static final Set<String> STOP = Set.of(
            "the", "and", "for", "you", "your", "our", "are", "was", "has", "have", "with", "this", "that", "not",
            "but", "can", "will", "from", "what", "when", "they", "them", "been", "its", "it's", "any", "all");

    /** Chinese characters too common to tell clauses apart. */
    private static final String STOP_CHARACTERS = "的了是我你在有不和就也都吗呢吧啊";

    private ClauseSearch() {}

    /**
     * The {@code max} clauses that share most words (or, in Chinese, characters) with what the customer said; a
     * clause that states a figure (a fee, limit, amount or deadline) counts one more. Ties keep the article's order.
     */
    static List<String> clauses(List<String> clauses, String said, int max) {
        Set<String> words = terms(said);
        record Scored(String clause, int score, int at) {}
        List<Scored> scored = new ArrayList<>();
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
                .sorted(Comparator.comparingInt(Scored::score).reversed().thenComparingInt(Scored::at))
                .limit(max)
                .map(Scored::clause)
                .toList();
    }

    /** Words of three letters or more, not stop words, and single Chinese characters. */
    static Set<String> terms(String text) {
        Set<String> out = new HashSet<>();
        String lower = text.toLowerCase(Locale.ROOT);
        for (String w : lower.split("[^\\p{L}\\p{N}']+")) {
            if (w.length() >= 3 && !STOP.contains(w) && w.codePoints().noneMatch(Character::isIdeographic)) {
                out.add(w);
            }
        }
        lower.codePoints()
                .filter(Character::isIdeographic)
                .filter(cp -> STOP_CHARACTERS.indexOf(cp) < 0)
                .forEach(cp -> out.add(new String(Character.toChars(cp))));
        return out;
    }
}
