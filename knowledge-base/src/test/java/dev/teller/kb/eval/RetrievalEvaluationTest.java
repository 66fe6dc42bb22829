package dev.teller.kb.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.teller.intents.data.Csv;
import dev.teller.intents.data.LabeledText;
import dev.teller.intents.embed.OnnxEmbedder;
import dev.teller.kb.Article;
import dev.teller.kb.KnowledgeBase;
import dev.teller.kb.article.FaqImport;
import dev.teller.kb.index.Ranking;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retrieval figures, measured with the product's ranking; skipped without ../shared/datasets. */
@Tag("evaluation")
class RetrievalEvaluationTest {

    static final OnnxEmbedder EMBEDDER = new OnnxEmbedder();

    static Path unionpay() {
        Path d = Path.of(System.getProperty("teller.datasets", "../../shared/datasets"), "unionpay-faq-zh");
        assumeTrue(
                Files.isRegularFile(d.resolve("faq.csv")),
                "skipped: " + d + " is absent (a user's clone has no ../shared)");
        return d;
    }

    static void print(String name, Map<String, Object> r) {
        System.out.println("[evaluation] " + name + ": " + r);
    }

    @Test
    void chineseParaphrasesWithOnlyTheFaqIndexed() {
        Path d = unionpay();
        List<Article> faq = FaqImport.read(d.resolve("faq.csv"), "faq", LocalDate.of(2027, 1, 1));
        Map<String, Object> r =
                FaqEvaluation.faq(faq, Csv.read(d.resolve("queries-dev.csv")), EMBEDDER, Ranking.defaults(), s -> {});
        print("unionpay faq only", r);
        assertThat((double) r.get("hit_at_1")).isGreaterThanOrEqualTo(0.45);
    }

    @Test
    void chineseParaphrasesWithHalfTheKnownPhrasingsIndexed(@TempDir Path tmp) throws IOException {
        Path d = unionpay();
        List<LabeledText> rows = Csv.read(d.resolve("queries-dev.csv"));
        // Even rows are the bank's known phrasings, odd rows the customers' queries (the README's split).
        StringBuilder alt = new StringBuilder("question,faq_id\n");
        List<LabeledText> queries = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (i % 2 == 0) {
                alt.append('"')
                        .append(rows.get(i).text().replace("\"", "\"\""))
                        .append("\",")
                        .append(rows.get(i).label())
                        .append('\n');
            } else {
                queries.add(rows.get(i));
            }
        }
        Path altCsv = tmp.resolve("alt.csv");
        Files.writeString(altCsv, alt, StandardCharsets.UTF_8);
        List<Article> faq = FaqImport.withAlternativeQuestions(
                FaqImport.read(d.resolve("faq.csv"), "faq", LocalDate.of(2027, 1, 1)), altCsv, "faq");
        Map<String, Object> r = FaqEvaluation.faq(faq, queries, EMBEDDER, Ranking.defaults(), s -> {});
        print("unionpay with half the phrasings", r);
        assertThat((double) r.get("hit_at_1")).isGreaterThanOrEqualTo(0.68);
    }

    @Test
    void ourEnglishArticlesAnswerOurIntents() {
        assertCoverage("en");
    }

    @Test
    void ourChineseArticlesAnswerOurIntents() {
        assertCoverage("zh");
    }

    @SuppressWarnings("unchecked")
    private static void assertCoverage(String lang) {
        try (KnowledgeBase kb =
                KnowledgeBase.open(KnowledgeBase.Config.of(null, null).withEmbedder(EMBEDDER))) {
            Map<String, Object> r = IntentCoverage.run(kb, s -> {});
            print("own intents", r);
            Map<String, Object> l = (Map<String, Object>) r.get(lang);
            assertThat((int) l.get("intents")).as(lang).isGreaterThanOrEqualTo(79);
            assertThat((double) l.get("hit_at_1")).as(lang).isGreaterThanOrEqualTo(0.90);
        }
    }
}
