package dev.teller.kb.eval;

import dev.teller.intents.data.LabeledText;
import dev.teller.intents.embed.Embedder;
import dev.teller.intents.eval.Scored;
import dev.teller.kb.Article;
import dev.teller.kb.Hit;
import dev.teller.kb.KnowledgeBase;
import dev.teller.kb.SearchResult;
import dev.teller.kb.article.FaqImport;
import dev.teller.kb.index.Ranking;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Scores retrieval: each query (text, expected article id) is searched in a knowledge base built with the
 * production analysis and ranking, and the rank of the expected article is recorded. Prints hit@1, hit@3,
 * MRR@10 and the search latency (each query embedded afresh, one thread, after a warm-up).
 */
public final class FaqEvaluation {

    private FaqEvaluation() {}

    /** Searches every query; {@code expected} maps a query row's label to the article id it should find. */
    public static Map<String, Object> run(
            KnowledgeBase kb,
            List<LabeledText> queries,
            java.util.function.Function<String, String> expected,
            Consumer<String> progress) {
        int warm = Math.min(50, queries.size());
        for (int i = 0; i < warm; i++) {
            kb.search(queries.get(i).text(), null, null, 10);
        }
        long[] nanos = new long[queries.size()];
        int hit1 = 0;
        int hit3 = 0;
        double mrr = 0;
        long lastReport = System.nanoTime();
        for (int i = 0; i < queries.size(); i++) {
            LabeledText q = queries.get(i);
            long t0 = System.nanoTime();
            SearchResult r = kb.search(q.text(), null, null, 10);
            nanos[i] = System.nanoTime() - t0;
            String want = expected.apply(q.label());
            List<Hit> hits = r.hits();
            for (int rank = 0; rank < hits.size(); rank++) {
                if (hits.get(rank).article().id().equals(want)) {
                    if (rank == 0) {
                        hit1++;
                    }
                    if (rank < 3) {
                        hit3++;
                    }
                    mrr += 1.0 / (rank + 1);
                    break;
                }
            }
            if (System.nanoTime() - lastReport > 5_000_000_000L) {
                lastReport = System.nanoTime();
                progress.accept("searched " + (i + 1) + "/" + queries.size());
            }
        }
        int n = queries.size();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("n", n);
        out.put("hit_at_1", round(hit1 / (double) n));
        out.put("hit_at_3", round(hit3 / (double) n));
        out.put("mrr_at_10", round(mrr / n));
        out.put("p50_ms", round(Scored.percentileMs(nanos, 0.50)));
        out.put("p99_ms", round(Scored.percentileMs(nanos, 0.99)));
        return out;
    }

    /** The FAQ evaluation of the issue: a temporary index of the FAQ (plus known phrasings), then the queries. */
    public static Map<String, Object> faq(
            List<Article> faq,
            List<LabeledText> queries,
            Embedder embedder,
            Ranking ranking,
            Consumer<String> progress) {
        long t0 = System.nanoTime();
        try (KnowledgeBase kb = KnowledgeBase.of(faq, embedder, ranking, progress)) {
            double indexSeconds = (System.nanoTime() - t0) / 1e9;
            progress.accept(
                    String.format(java.util.Locale.ROOT, "indexed %d articles in %.1f s", faq.size(), indexSeconds));
            Map<String, Object> out = run(kb, queries, label -> FaqImport.articleId("faq", label), progress);
            out.put("articles", faq.size());
            out.put("index_seconds", round(indexSeconds));
            return out;
        }
    }

    static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
