package dev.teller.kb.eval;

import dev.teller.intents.Language;
import dev.teller.intents.data.LabeledText;
import dev.teller.intents.data.TrainingData;
import dev.teller.kb.Article;
import dev.teller.kb.KnowledgeBase;
import dev.teller.kb.SearchResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Do our articles answer our intents? Every training example of the intents module, for each intent that some
 * article of its language is mapped to, is searched; it counts as a hit when the first result is an article
 * mapped to that intent. The examples were written apart from the articles, so this measures retrieval, not
 * copying. Conversational intents (greeting, thanks, out_of_scope, ...) have no article by design and are not
 * counted.
 */
public final class IntentCoverage {

    private IntentCoverage() {}

    /** Where an intent's misses went most often: the articles that a bank's author should tell apart from it. */
    private static String mostOften(Map<String, Integer> wrong) {
        if (wrong == null) {
            return "";
        }
        return " (instead: "
                + wrong.entrySet().stream()
                        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                        .limit(3)
                        .map(e -> e.getKey() + " " + e.getValue())
                        .collect(java.util.stream.Collectors.joining(", "))
                + ")";
    }

    private static String quantiles(List<Double> values) {
        if (values.isEmpty()) {
            return "-";
        }
        List<Double> sorted = values.stream().sorted().toList();
        StringBuilder b = new StringBuilder();
        for (double q : new double[] {0.1, 0.25, 0.5, 0.75, 0.9}) {
            b.append(b.isEmpty() ? "" : "/").append(String.format(java.util.Locale.ROOT, "%.2f", sorted.get((int)
                    (q * (sorted.size() - 1)))));
        }
        return b.toString();
    }

    /** Per language: {@code n, hit_at_1, intents, worst} (the intents below 90%, weakest first, with the articles their misses found instead). */
    public static Map<String, Object> run(KnowledgeBase kb, Consumer<String> progress) {
        TrainingData data = TrainingData.shipped(List.of());
        Map<String, Object> out = new LinkedHashMap<>();
        for (Language lang : List.of(Language.EN, Language.ZH)) {
            Set<String> mapped = new HashSet<>();
            for (Article a : kb.articles()) {
                if (a.language() == lang) {
                    mapped.addAll(a.intents());
                }
            }
            Map<String, int[]> perIntent = new TreeMap<>();
            Map<String, Map<String, Integer>> stolenBy = new HashMap<>();
            int n = 0;
            int hits = 0;
            int answerable = 0;
            int outOfScope = 0;
            int outOfScopeAnswered = 0;
            List<Double> inScopeSims = new ArrayList<>();
            List<Double> outOfScopeSims = new ArrayList<>();
            for (LabeledText example : data.intents().get(lang)) {
                if (example.label().equals(dev.teller.intents.Intents.OUT_OF_SCOPE)) {
                    SearchResult r = kb.search(example.text(), lang, null, 1);
                    outOfScope++;
                    outOfScopeSims.add(r.answerability());
                    if (r.answerable()) {
                        outOfScopeAnswered++;
                    }
                    continue;
                }
                if (!mapped.contains(example.label())) {
                    continue;
                }
                SearchResult r = kb.search(example.text(), lang, null, 1);
                inScopeSims.add(r.answerability());
                if (r.answerable()) {
                    answerable++;
                }
                boolean hit = !r.hits().isEmpty()
                        && r.hits().get(0).article().intents().contains(example.label());
                int[] c = perIntent.computeIfAbsent(example.label(), k -> new int[2]);
                c[0]++;
                n++;
                if (hit) {
                    c[1]++;
                    hits++;
                } else if (!r.hits().isEmpty()) {
                    stolenBy.computeIfAbsent(example.label(), k -> new TreeMap<>())
                            .merge(r.hits().get(0).article().id(), 1, Integer::sum);
                }
            }
            List<String> worst = new ArrayList<>();
            perIntent.entrySet().stream()
                    .filter(e -> e.getValue()[1] < 0.9 * e.getValue()[0])
                    .sorted((x, y) -> Double.compare(
                            x.getValue()[1] / (double) x.getValue()[0], y.getValue()[1] / (double) y.getValue()[0]))
                    .forEach(e -> worst.add(e.getKey() + " " + e.getValue()[1] + "/" + e.getValue()[0]
                            + mostOften(stolenBy.get(e.getKey()))));
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("n", n);
            r.put("hit_at_1", FaqEvaluation.round(n == 0 ? 0 : hits / (double) n));
            r.put("intents", perIntent.size());
            r.put("answerable_in_scope", FaqEvaluation.round(n == 0 ? 0 : answerable / (double) n));
            r.put("out_of_scope_n", outOfScope);
            r.put(
                    "answerable_out_of_scope",
                    FaqEvaluation.round(outOfScope == 0 ? 0 : outOfScopeAnswered / (double) outOfScope));
            progress.accept(lang.code() + " answerability quantiles (10/25/50/75/90%): in scope "
                    + quantiles(inScopeSims) + ", out of scope " + quantiles(outOfScopeSims));
            r.put("intents_below_90", worst);
            out.put(lang.code(), r);
            progress.accept(lang.code() + ": " + hits + "/" + n + " examples find an article of their intent first");
        }
        return out;
    }
}
