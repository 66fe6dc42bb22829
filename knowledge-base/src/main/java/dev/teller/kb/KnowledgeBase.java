package dev.teller.kb;

import dev.teller.intents.Language;
import dev.teller.intents.embed.Embedder;
import dev.teller.intents.embed.OnnxEmbedder;
import dev.teller.intents.text.CardNumbers;
import dev.teller.intents.text.LanguageDetector;
import dev.teller.intents.text.TextNormalizer;
import dev.teller.kb.article.ArticleLoader;
import dev.teller.kb.index.Analysis;
import dev.teller.kb.index.ArticleIndex;
import dev.teller.kb.index.Ranking;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * The bank's knowledge base: articles loaded from a folder, indexed with Lucene, searched with a hybrid of
 * BM25 and vector similarity, each result judged answerable or not. With {@link Config#watch()} it follows the
 * folder: an edited, added or deleted article file is re-indexed within a second, without a restart.
 *
 * <p>Searching never throws on bad input: an empty, huge, Lucene-syntax or mixed-script query gives a result
 * list, maybe empty. Card numbers in a query are masked before it goes anywhere.
 */
public final class KnowledgeBase implements AutoCloseable {

    /** Characters of a query that are searched: enough for any question, and a bound on a query's cost. */
    public static final int MAX_QUERY_CHARS = 500;

    /** Hits returned by {@link #search(String)}. */
    public static final int DEFAULT_HITS = 5;

    /**
     * How to open a knowledge base.
     *
     * @param articles the folder of article files (sub-folders such as en/ and zh/), or null for the articles
     *     that ship inside this library
     * @param index where the index is kept between runs, or null to keep it in memory
     * @param embedder the sentence embedder (share the intents module's to load the models once), or null
     * @param watch whether to follow the articles folder and re-index changes as they happen
     * @param packagedIndex whether a new index folder starts from the index of the shipped articles that the
     *     build packs into the jar (worth it when the articles are, or started as, the shipped ones)
     */
    public record Config(
            Path articles,
            Path index,
            Embedder embedder,
            Ranking ranking,
            boolean watch,
            Consumer<String> progress,
            boolean packagedIndex) {
        public static Config of(Path articles, Path index) {
            return new Config(articles, index, null, Ranking.defaults(), false, s -> {}, false);
        }

        public Config withWatch(boolean on) {
            return new Config(articles, index, embedder, ranking, on, progress, packagedIndex);
        }

        public Config withEmbedder(Embedder e) {
            return new Config(articles, index, e, ranking, watch, progress, packagedIndex);
        }

        public Config withRanking(Ranking r) {
            return new Config(articles, index, embedder, r, watch, progress, packagedIndex);
        }

        public Config withProgress(Consumer<String> p) {
            return new Config(articles, index, embedder, ranking, watch, p, packagedIndex);
        }

        public Config withPackagedIndex(boolean on) {
            return new Config(articles, index, embedder, ranking, watch, progress, on);
        }
    }

    private final Config config;
    private final Path folder;
    private final ArticleIndex index;
    private volatile Map<String, Article> articles = Map.of();
    private volatile List<ArticleProblem> problems = List.of();
    private final WatchService watcher;
    private final Thread watchThread;

    private KnowledgeBase(Config config, Path folder, ArticleIndex index, WatchService watcher) {
        this.config = config;
        this.folder = folder;
        this.index = index;
        this.watcher = watcher;
        if (watcher != null) {
            watchThread =
                    Thread.ofPlatform().daemon().name("knowledge-base-watch").unstarted(this::watchLoop);
        } else {
            watchThread = null;
        }
    }

    /** Opens the knowledge base: loads the articles, brings the index up to date, and starts watching. */
    public static KnowledgeBase open(Config config) {
        Path folder = config.articles() != null ? config.articles() : ShippedArticles.extract();
        Embedder embedder = config.embedder() != null ? config.embedder() : new OnnxEmbedder();
        if (config.index() != null && config.packagedIndex()) {
            PackagedIndex.seed(config.index(), config.progress());
        }
        ArticleIndex index =
                ArticleIndex.open(config.index(), embedder, synonyms(folder), config.ranking(), config.progress());
        WatchService watcher = null;
        if (config.watch()) {
            try {
                watcher = folder.getFileSystem().newWatchService();
            } catch (IOException | UnsupportedOperationException e) {
                config.progress().accept("cannot watch " + folder + " for changes: " + e.getMessage());
            }
        }
        KnowledgeBase kb = new KnowledgeBase(config, folder, index, watcher);
        kb.refresh();
        if (kb.watchThread != null) {
            kb.registerAll();
            kb.watchThread.start();
        }
        return kb;
    }

    /**
     * Copies the articles that ship with Teller (and their FACTS.md and synonyms) into {@code folder} when it holds
     * no article yet, so that a bank starts from them and edits its own copy. Returns the files copied: 0 when the
     * folder already has articles, which are never overwritten.
     */
    public static int seedShippedArticles(Path folder) {
        try {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> walk = Files.walk(folder)) {
                    if (walk.anyMatch(ArticleLoader::isArticleFile)) {
                        return 0;
                    }
                }
            }
            Path shipped = ShippedArticles.extract();
            int copied = 0;
            try (Stream<Path> walk = Files.walk(shipped)) {
                for (Path from : walk.filter(Files::isRegularFile).sorted().toList()) {
                    Path to = folder.resolve(shipped.relativize(from).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    copied++;
                }
            }
            return copied;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot copy the shipped articles into " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Build step: indexes the shipped articles into {@code folder} (inside the classes folder), so that the jar
     * carries a ready index and a first start copies it instead of building it.
     */
    public static void buildPackagedIndex(Path folder, Consumer<String> progress) {
        PackagedIndex.build(folder, progress);
    }

    /** The articles folder this knowledge base reads (the shipped one when none was configured). */
    public Path folder() {
        return folder;
    }

    /** A knowledge base of the given articles only, indexed in memory: for evaluation and tests. */
    public static KnowledgeBase of(
            Collection<Article> articles, Embedder embedder, Ranking ranking, Consumer<String> progress) {
        ArticleIndex index = ArticleIndex.open(null, embedder, defaultSynonyms(), ranking, progress);
        KnowledgeBase kb =
                new KnowledgeBase(new Config(null, null, embedder, ranking, false, progress, false), null, index, null);
        Map<String, Article> byId = new LinkedHashMap<>();
        for (Article a : articles) {
            byId.putIfAbsent(a.id(), a);
        }
        index.sync(byId.values(), progress);
        kb.articles = byId;
        return kb;
    }

    /** The synonym list: the articles folder's own synonyms-en.txt, or the shipped one. */
    private static SynonymMap synonyms(Path folder) {
        Path own = folder.resolve("synonyms-en.txt");
        if (Files.isRegularFile(own)) {
            try (Reader r = Files.newBufferedReader(own, StandardCharsets.UTF_8)) {
                return Analysis.synonyms(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + own, e);
            }
        }
        return defaultSynonyms();
    }

    private static SynonymMap defaultSynonyms() {
        try (InputStream in = KnowledgeBase.class.getResourceAsStream("articles/synonyms-en.txt")) {
            if (in == null) {
                return null;
            }
            return Analysis.synonyms(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Re-reads the articles folder and re-indexes what changed. Returns how many articles were (re)indexed or
     * removed. Broken files are listed in {@link #problems()} and keep no stale version in the index.
     */
    public synchronized int refresh() {
        if (folder == null) {
            return 0;
        }
        ArticleLoader.Loaded loaded = ArticleLoader.load(folder);
        for (ArticleProblem p : loaded.problems()) {
            config.progress().accept("article skipped: " + p);
        }
        int changed = index.sync(loaded.articles().values(), config.progress());
        articles = loaded.articles();
        problems = loaded.problems();
        return changed;
    }

    public Collection<Article> articles() {
        return articles.values();
    }

    public Optional<Article> article(String id) {
        return Optional.ofNullable(articles.get(id));
    }

    /** Files that did not load at the last refresh, with the reason. */
    public List<ArticleProblem> problems() {
        return problems;
    }

    /** Searches in the query's own language (mixed text searches the Chinese articles). */
    public SearchResult search(String query) {
        return search(query, null, null, DEFAULT_HITS);
    }

    /**
     * Searches.
     *
     * @param languageHint the language to search in when the query has no letters of its own (digits, emoji), or
     *     null for English
     * @param vector the query's sentence vector if the caller already has it (the intents module embeds every
     *     message with the same model), or null
     */
    public SearchResult search(String query, Language languageHint, float[] vector, int k) {
        Query q = Query.of(query, languageHint);
        String text = q.text();
        Language searched = q.language();
        if (text.isEmpty() || k <= 0) {
            return SearchResult.empty(text, searched);
        }
        List<Hit> hits = new ArrayList<>();
        for (ArticleIndex.Ranked r : index.search(text, searched, vector, k)) {
            Article a = articles.get(r.id());
            if (a != null) {
                hits.add(new Hit(a, r.score(), r.similarity(), snippet(a)));
            }
        }
        double answerability =
                hits.isEmpty() ? 0 : Math.max(0, Math.min(1, hits.get(0).similarity()));
        Ranking ranking = config.ranking();
        double threshold = searched == Language.EN ? ranking.answerThresholdEn() : ranking.answerThresholdZh();
        return new SearchResult(text, hits, answerability, !hits.isEmpty() && answerability >= threshold, searched);
    }

    /**
     * The sentence vector the search computes for a query when it is not given one (for callers that want to
     * embed once and search several times).
     */
    public float[] embed(String query) {
        Query q = Query.of(query, null);
        return index.embedQuery(q.text(), q.language());
    }

    /** A query as searched: control characters removed, card numbers masked, cut to size, and its language. */
    private record Query(String text, Language language) {
        static Query of(String query, Language languageHint) {
            Language fallback = languageHint == null ? Language.EN : languageHint;
            String text = query == null
                    ? ""
                    : CardNumbers.mask(TextNormalizer.stripControls(query)).strip();
            if (text.length() > MAX_QUERY_CHARS) {
                int end = MAX_QUERY_CHARS;
                if (Character.isHighSurrogate(text.charAt(end - 1))) {
                    end--;
                }
                text = text.substring(0, end);
            }
            Language language = LanguageDetector.detect(text, fallback);
            return new Query(text, language == Language.EN ? Language.EN : Language.ZH);
        }
    }

    private static String snippet(Article a) {
        String s =
                a.shortAnswer().replaceAll("\\*\\*", "").replaceAll("\\s+", " ").strip();
        return s.length() <= 240 ? s : s.substring(0, 239) + "…";
    }

    private void registerAll() {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path dir : walk.filter(Files::isDirectory).toList()) {
                dir.register(
                        watcher,
                        StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        } catch (IOException e) {
            config.progress().accept("cannot watch " + folder + ": " + e.getMessage());
        }
    }

    private void watchLoop() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                // Let a burst of writes (an editor saving, a git checkout) settle, then re-index once.
                WatchKey more;
                do {
                    key.pollEvents();
                    key.reset();
                    more = watcher.poll(300, TimeUnit.MILLISECONDS);
                    if (more != null) {
                        key = more;
                    }
                } while (more != null);
                registerAll();
                try {
                    int n = refresh();
                    if (n > 0) {
                        config.progress().accept("re-indexed " + n + " changed article(s)");
                    }
                } catch (RuntimeException e) {
                    config.progress().accept("re-indexing failed, keeping the previous index: " + e.getMessage());
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    @Override
    public void close() {
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException e) {
                // closing anyway
            }
            watchThread.interrupt();
            try {
                watchThread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        index.close();
    }
}
