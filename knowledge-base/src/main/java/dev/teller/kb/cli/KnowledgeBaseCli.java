package dev.teller.kb.cli;

import dev.teller.intents.Intents;
import dev.teller.intents.Language;
import dev.teller.intents.Understander;
import dev.teller.intents.cli.Terminal;
import dev.teller.intents.data.Csv;
import dev.teller.intents.data.LabeledText;
import dev.teller.intents.embed.CachingEmbedder;
import dev.teller.intents.embed.Embedder;
import dev.teller.intents.embed.OnnxEmbedder;
import dev.teller.intents.embed.RecentEmbeddings;
import dev.teller.intents.eval.Scored;
import dev.teller.kb.Article;
import dev.teller.kb.Hit;
import dev.teller.kb.KnowledgeBase;
import dev.teller.kb.SearchResult;
import dev.teller.kb.article.ArticleParser;
import dev.teller.kb.article.FaqImport;
import dev.teller.kb.eval.FaqEvaluation;
import dev.teller.kb.eval.IntentCoverage;
import dev.teller.kb.index.Ranking;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code java -jar knowledge-base.jar index|search|evaluate|import}: see the README. */
@Command(
        name = "knowledge-base",
        mixinStandardHelpOptions = true,
        description = "Teller's knowledge base: index articles, search them, evaluate retrieval, import an FAQ.",
        subcommands = {
            KnowledgeBaseCli.Index.class,
            KnowledgeBaseCli.Search.class,
            KnowledgeBaseCli.Evaluate.class,
            KnowledgeBaseCli.Import.class,
            KnowledgeBaseCli.Coverage.class,
            KnowledgeBaseCli.Bench.class
        })
public final class KnowledgeBaseCli {

    static final PrintStream OUT = Terminal.OUT;
    static final PrintStream ERR = Terminal.ERR;

    public static void main(String[] args) {
        Terminal.run(new KnowledgeBaseCli(), args);
    }

    static void progress(String line) {
        ERR.println("[knowledge-base] " + line);
    }

    /** Hidden knobs for studying the ranking; the defaults are the product's. */
    static final class RankingOptions {
        @Option(names = "--bm25-weight", hidden = true)
        Double bm25;

        @Option(names = "--vector-weight", hidden = true)
        Double vector;

        @Option(names = "--temperature", hidden = true)
        Double temperature;

        @Option(names = "--centroid-weight", hidden = true)
        Double centroid;

        @Option(names = "--classifier-weight", hidden = true)
        Double classifier;

        @Option(names = "--boosts", hidden = true, split = ",", description = "title,questions,body")
        double[] boosts;

        Ranking ranking() {
            Ranking d = Ranking.defaults();
            return new Ranking(
                    boosts == null ? d.titleBoost() : boosts[0],
                    boosts == null ? d.questionsBoost() : boosts[1],
                    boosts == null ? d.bodyBoost() : boosts[2],
                    d.candidates(),
                    bm25 == null ? d.bm25Weight() : bm25,
                    vector == null ? d.vectorWeight() : vector,
                    temperature == null ? d.neighbourTemperature() : temperature,
                    centroid == null ? d.centroidWeight() : centroid,
                    classifier == null ? d.classifierWeight() : classifier,
                    d.answerThresholdEn(),
                    d.answerThresholdZh());
        }
    }

    @Command(name = "index", mixinStandardHelpOptions = true, description = "Index (or re-index) an articles folder.")
    static final class Index implements Callable<Integer> {
        @Option(names = "--articles", required = true, description = "folder of article files (en/, zh/, ...)")
        Path articles;

        @Option(names = "--index", required = true, description = "folder for the index")
        Path index;

        @Override
        public Integer call() {
            long t0 = System.nanoTime();
            try (KnowledgeBase kb = KnowledgeBase.open(
                    KnowledgeBase.Config.of(articles, index).withProgress(KnowledgeBaseCli::progress))) {
                kb.problems().forEach(p -> ERR.println("skipped " + p));
                OUT.printf(
                        Locale.ROOT,
                        "%d articles indexed in %s (%.1f s), %d skipped%n",
                        kb.articles().size(),
                        index,
                        (System.nanoTime() - t0) / 1e9,
                        kb.problems().size());
                return kb.problems().isEmpty() ? 0 : 2;
            }
        }
    }

    @Command(
            name = "search",
            mixinStandardHelpOptions = true,
            description = "Search an index: top hits with scores and snippets.")
    static final class Search implements Callable<Integer> {
        @Option(names = "--index", required = true, description = "folder of the index")
        Path index;

        @Option(
                names = "--articles",
                description = "articles folder the index was built from (default: the shipped articles)")
        Path articles;

        @Option(names = "-k", description = "hits to show (default ${DEFAULT-VALUE})", defaultValue = "5")
        int k;

        @Option(names = "--json", description = "print the result as one line of JSON")
        boolean json;

        @Parameters(arity = "1..*", description = "the query")
        List<String> query;

        @Override
        public Integer call() {
            try (KnowledgeBase kb = KnowledgeBase.open(
                    KnowledgeBase.Config.of(articles, index).withProgress(KnowledgeBaseCli::progress))) {
                SearchResult r = kb.search(String.join(" ", query), null, null, k);
                if (json) {
                    OUT.println(Terminal.JSON.writeValueAsString(Map.of(
                            "language", r.language().code(),
                            "answerable", r.answerable(),
                            "answerability", r.answerability(),
                            "hits",
                                    r.hits().stream()
                                            .map(h -> Map.of(
                                                    "id", h.article().id(),
                                                    "title", h.article().title(),
                                                    "score", h.score(),
                                                    "similarity", h.similarity(),
                                                    "snippet", h.snippet()))
                                            .toList())));
                    return 0;
                }
                OUT.printf(
                        Locale.ROOT,
                        "%s, answerability %.2f: %s%n",
                        r.language().code(),
                        r.answerability(),
                        r.answerable() ? "answer with the first hit" : "not sure enough to answer");
                int n = 0;
                for (Hit h : r.hits()) {
                    OUT.printf(
                            Locale.ROOT,
                            "%d. %s  %s  (score %.4f, similarity %.2f)%n   %s%n",
                            ++n,
                            h.article().id(),
                            h.article().title(),
                            h.score(),
                            h.similarity(),
                            h.snippet());
                }
                if (n == 0) {
                    OUT.println("no hits");
                }
                return 0;
            }
        }
    }

    @Command(
            name = "evaluate",
            mixinStandardHelpOptions = true,
            description =
                    "Index an FAQ CSV in a temporary index with the production ranking and score queries against it.")
    static final class Evaluate implements Callable<Integer> {
        @Option(names = "--faq", required = true, description = "FAQ CSV: faq_id, question, answer (, subject)")
        Path faq;

        @Option(names = "--queries", required = true, description = "CSV: question, faq_id")
        Path queries;

        @Option(names = "--alt-questions", description = "CSV: question, faq_id; known phrasings added to the articles")
        Path alt;

        @Option(names = "--json", description = "end with one line of JSON")
        boolean json;

        @Option(
                names = "--cache-vectors",
                hidden = true,
                description = "cache all vectors on disk (timings then mean nothing)")
        boolean cache;

        @CommandLine.Mixin
        RankingOptions rankingOptions = new RankingOptions();

        @Override
        public Integer call() {
            List<Article> articles = FaqImport.read(faq, "faq", LocalDate.of(2027, 1, 1));
            if (alt != null) {
                articles = FaqImport.withAlternativeQuestions(articles, alt, "faq");
            }
            List<LabeledText> rows = Csv.read(queries);
            Embedder embedder = new OnnxEmbedder();
            if (cache) {
                embedder = new CachingEmbedder(
                        embedder,
                        Path.of(System.getProperty("user.home"), ".cache", "teller", "embeddings", "kb-eval.bin"));
            }
            Map<String, Object> r =
                    FaqEvaluation.faq(articles, rows, embedder, rankingOptions.ranking(), KnowledgeBaseCli::progress);
            if (embedder instanceof CachingEmbedder c) {
                c.save();
            }
            Terminal.printFigures(r, json);
            return 0;
        }
    }

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = "Turn an FAQ CSV (question, answer, optional id and category) into article files.")
    static final class Import implements Callable<Integer> {
        @Option(names = "--faq", required = true, description = "FAQ CSV with a header")
        Path faq;

        @Option(names = "--articles", required = true, description = "articles folder to write into (<lang>/<id>.md)")
        Path articles;

        @Option(names = "--prefix", defaultValue = "faq", description = "id prefix (default ${DEFAULT-VALUE})")
        String prefix;

        @Option(names = "--alt-questions", description = "CSV: question, id; known phrasings to add")
        Path alt;

        @Override
        public Integer call() throws java.io.IOException {
            List<Article> list = FaqImport.read(faq, prefix, LocalDate.now().plusYears(1));
            if (alt != null) {
                list = FaqImport.withAlternativeQuestions(list, alt, prefix);
            }
            for (Article a : list) {
                Path file = articles.resolve(a.language().code()).resolve(a.id() + ".md");
                Files.createDirectories(file.getParent());
                Files.writeString(file, ArticleParser.format(a), StandardCharsets.UTF_8);
            }
            OUT.println(list.size() + " articles written to " + articles);
            return 0;
        }
    }

    @Command(
            name = "coverage",
            mixinStandardHelpOptions = true,
            description = "Search every training example of the intents module and count how often the first hit "
                    + "is an article mapped to its intent, per language.")
    static final class Coverage implements Callable<Integer> {
        @Option(names = "--articles", description = "articles folder (default: the shipped articles)")
        Path articles;

        @Option(names = "--json", description = "end with one line of JSON")
        boolean json;

        @CommandLine.Mixin
        RankingOptions rankingOptions = new RankingOptions();

        @Override
        public Integer call() {
            try (KnowledgeBase kb = KnowledgeBase.open(KnowledgeBase.Config.of(articles, null)
                    .withRanking(rankingOptions.ranking())
                    .withProgress(KnowledgeBaseCli::progress))) {
                Map<String, Object> r = IntentCoverage.run(kb, KnowledgeBaseCli::progress);
                Terminal.printFigures(r, json);
                return 0;
            }
        }
    }

    @Command(
            name = "bench",
            mixinStandardHelpOptions = true,
            description = "Index N articles of an FAQ CSV from scratch (no cached vectors), then time searches, one "
                    + "thread, after warm-up: embedding the query inside the search; given the query's vector; and "
                    + "right after understand() read the same message through a shared RecentEmbeddings, as the "
                    + "chat server runs them.")
    static final class Bench implements Callable<Integer> {
        @Option(names = "--faq", required = true, description = "FAQ CSV (question, answer, ...)")
        Path faq;

        @Option(
                names = "--articles",
                defaultValue = "1000",
                description = "articles to index (default ${DEFAULT-VALUE})")
        int count;

        @Option(names = "--searches", defaultValue = "2000", description = "timed searches (default ${DEFAULT-VALUE})")
        int searches;

        @Option(names = "--json", description = "end with one line of JSON")
        boolean json;

        @Override
        public Integer call() {
            List<Article> all = FaqImport.read(faq, "faq", LocalDate.of(2027, 1, 1));
            List<Article> articles = all.subList(0, Math.min(count, all.size()));
            // One embedder for the understander and the knowledge base, as the chat server wires them.
            RecentEmbeddings embedder = new RecentEmbeddings(new OnnxEmbedder(), 64);
            Understander understander = Intents.load(
                    Intents.Config.defaults().withEmbedder(embedder).withProgress(KnowledgeBaseCli::progress));
            embedder.embed("warm up", Language.EN);
            embedder.embed("预热", Language.ZH);
            long t0 = System.nanoTime();
            Map<String, Object> r = new LinkedHashMap<>();
            try (KnowledgeBase kb =
                    KnowledgeBase.of(articles, embedder, Ranking.defaults(), KnowledgeBaseCli::progress)) {
                r.put("articles", articles.size());
                r.put("index_seconds", Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
                // Queries: the articles' own questions with a word dropped, so each one is new to the embedder.
                List<String> queries = new ArrayList<>();
                for (Article a : articles) {
                    String[] words = a.title().split(" ");
                    queries.add(
                            words.length > 3
                                    ? String.join(" ", Arrays.copyOfRange(words, 1, words.length))
                                    : a.title());
                }
                for (int i = 0; i < 300; i++) {
                    kb.search(queries.get(i % queries.size()), null, null, 5);
                }
                long[] withEmbedding = new long[searches];
                long[] withVector = new long[searches];
                long[] afterUnderstanding = new long[searches];
                for (int i = 0; i < searches; i++) {
                    String q = queries.get(i % queries.size()) + (i >= queries.size() ? " " + i : "");
                    long s0 = System.nanoTime();
                    kb.search(q, null, null, 5);
                    withEmbedding[i] = System.nanoTime() - s0;
                    float[] v = kb.embed(q);
                    long s1 = System.nanoTime();
                    kb.search(q, null, v, 5);
                    withVector[i] = System.nanoTime() - s1;
                    String next = q + " please";
                    understander.understand(next);
                    long s2 = System.nanoTime();
                    kb.search(next, null, null, 5);
                    afterUnderstanding[i] = System.nanoTime() - s2;
                }
                r.put("searches", searches);
                r.put("p50_ms", round(Scored.percentileMs(withEmbedding, 0.5)));
                r.put("p99_ms", round(Scored.percentileMs(withEmbedding, 0.99)));
                r.put("given_vector_p50_ms", round(Scored.percentileMs(withVector, 0.5)));
                r.put("given_vector_p99_ms", round(Scored.percentileMs(withVector, 0.99)));
                r.put("after_understand_p50_ms", round(Scored.percentileMs(afterUnderstanding, 0.5)));
                r.put("after_understand_p99_ms", round(Scored.percentileMs(afterUnderstanding, 0.99)));
            }
            Terminal.printFigures(r, json);
            return 0;
        }

        private static double round(double v) {
            return Math.round(v * 1000) / 1000.0;
        }
    }
}
