package dev.teller.kb.index;

import dev.teller.intents.Language;
import dev.teller.intents.embed.CachingEmbedder;
import dev.teller.intents.embed.Embedder;
import dev.teller.intents.embed.Vectors;
import dev.teller.intents.text.TextNormalizer;
import dev.teller.kb.Article;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;

/**
 * The Lucene index of the articles: per language, BM25 fields for the title, the alternative questions and
 * the body, and a vector for the title and for each question (so an article is as close to a query as
 * its closest phrasing). Each article carries a hash of what was indexed, so re-opening the index re-indexes
 * only what changed; an index written by another schema or embedding model, or one that cannot be read, is
 * rebuilt from the articles.
 */
public final class ArticleIndex implements Closeable {

    /** Bumped when the document layout or analysis changes; an index with another value is rebuilt. */
    static final int SCHEMA = 2;

    private static final String ID = "id";
    private static final String KIND = "kind";
    private static final String HASH = "hash";

    /** One article's place in a result list before the caller maps it back to the article. */
    public record Ranked(String id, double score, double similarity) {}

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Embedder queryEmbedder;
    private final CachingEmbedder indexEmbedder;
    private final Analyzer englishQuery;
    private final Analyzer chineseQuery = Analysis.chinese();
    private final Ranking ranking;
    private volatile PhrasingClassifier classifier;
    /** The folder the index lives in (the trained classifier is kept there too), or null in memory. */
    private Path folder;

    private ArticleIndex(
            Directory directory,
            IndexWriter writer,
            Embedder queryEmbedder,
            CachingEmbedder indexEmbedder,
            SynonymMap synonyms,
            Ranking ranking)
            throws IOException {
        this.directory = directory;
        this.writer = writer;
        this.searchers = new SearcherManager(writer, null);
        this.queryEmbedder = queryEmbedder;
        this.indexEmbedder = indexEmbedder;
        this.englishQuery = Analysis.english(synonyms);
        this.ranking = ranking;
    }

    /**
     * Opens (or creates) the index in {@code folder}, or in memory when it is null. {@code embedder} embeds
     * queries; an embedding cache beside the index keeps re-indexing cheap.
     */
    public static ArticleIndex open(
            Path folder, Embedder embedder, SynonymMap synonyms, Ranking ranking, Consumer<String> progress) {
        try {
            if (folder == null) {
                Directory dir = new ByteBuffersDirectory();
                return new ArticleIndex(
                        dir, newWriter(dir), embedder, new CachingEmbedder(embedder, null), synonyms, ranking);
            }
            Files.createDirectories(folder);
            Path lucene = folder.resolve("lucene");
            CachingEmbedder cache = new CachingEmbedder(embedder, folder.resolve("vectors-" + safe(embedder.id())));
            Directory dir = FSDirectory.open(lucene);
            String problem = check(dir, embedder.id());
            if (problem != null) {
                progress.accept("rebuilding the index in " + lucene + " (" + problem + ")");
                dir.close();
                wipe(lucene);
                dir = FSDirectory.open(lucene);
            }
            ArticleIndex index = new ArticleIndex(dir, newWriter(dir), embedder, cache, synonyms, ranking);
            index.folder = folder;
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the index in " + folder + ": " + e.getMessage(), e);
        }
    }

    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9.-]", "_") + ".bin";
    }

    /** Why an existing index cannot be used as it is, or null when it can (or there is none yet). */
    private static String check(Directory dir, String embedderId) {
        try {
            if (!DirectoryReader.indexExists(dir)) {
                return null;
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                Map<String, String> data = reader.getIndexCommit().getUserData();
                if (!String.valueOf(SCHEMA).equals(data.get("schema"))) {
                    return "written by schema " + data.get("schema") + ", this is " + SCHEMA;
                }
                if (!embedderId.equals(data.get("embedder"))) {
                    return "vectors from another embedding model";
                }
                StoredFields stored = reader.storedFields();
                for (int i = 0; i < Math.min(reader.maxDoc(), 8); i++) {
                    stored.document(i);
                }
                return null;
            }
        } catch (IOException | RuntimeException e) {
            return "it cannot be read: " + e.getClass().getSimpleName();
        }
    }

    private static void wipe(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static IndexWriter newWriter(Directory dir) throws IOException {
        Map<String, Analyzer> perField = new HashMap<>();
        for (String f : List.of("title", "questions", "body")) {
            perField.put(f + "_zh", Analysis.chinese());
        }
        Analyzer analyzer = new PerFieldAnalyzerWrapper(Analysis.englishIndex(), perField);
        IndexWriterConfig config =
                new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        return new IndexWriter(dir, config);
    }

    /** The hash of every indexed article, by id. */
    public Map<String, String> indexedHashes() {
        Map<String, String> out = new HashMap<>();
        try {
            IndexSearcher s = searchers.acquire();
            try {
                StoredFields stored = s.getIndexReader().storedFields();
                TopDocs all = s.search(
                        new TermQuery(new Term(KIND, "article")),
                        Math.max(1, s.getIndexReader().maxDoc()));
                for (ScoreDoc d : all.scoreDocs) {
                    Document doc = stored.document(d.doc, Set.of(ID, HASH));
                    out.put(doc.get(ID), doc.get(HASH));
                }
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Makes the index hold exactly these articles: new and changed ones are (re-)indexed, missing ones
     * removed. Returns how many articles were written.
     */
    public synchronized int sync(Collection<Article> articles, Consumer<String> progress) {
        Map<String, String> indexed = indexedHashes();
        List<Article> changed = new ArrayList<>();
        Set<String> wanted = new HashSet<>();
        for (Article a : articles) {
            wanted.add(a.id());
            if (!hash(a).equals(indexed.get(a.id()))) {
                changed.add(a);
            }
        }
        List<String> removed =
                indexed.keySet().stream().filter(id -> !wanted.contains(id)).toList();
        try {
            if (!changed.isEmpty()) {
                List<String> texts = new ArrayList<>();
                List<Language> langs = new ArrayList<>();
                for (Article a : changed) {
                    for (String t : vectorTexts(a)) {
                        texts.add(t);
                        langs.add(a.language());
                    }
                }
                indexEmbedder.embedAll(texts, langs, Runtime.getRuntime().availableProcessors(), progress);
                int n = 0;
                for (Article a : changed) {
                    writer.updateDocuments(new Term(ID, a.id()), documents(a));
                    if (++n % 500 == 0) {
                        progress.accept("indexed " + n + "/" + changed.size() + " articles");
                    }
                }
            }
            for (String id : removed) {
                writer.deleteDocuments(new Term(ID, id));
            }
            if (classifier == null || !changed.isEmpty() || !removed.isEmpty()) {
                classifier = ranking.classifierWeight() > 0 ? classifier(articles, progress) : PhrasingClassifier.NONE;
            }
            if (!changed.isEmpty() || !removed.isEmpty() || !DirectoryReader.indexExists(directory)) {
                writer.setLiveCommitData(Map.of("schema", String.valueOf(SCHEMA), "embedder", indexEmbedder.id())
                        .entrySet());
                writer.commit();
                searchers.maybeRefreshBlocking();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the index: " + e.getMessage(), e);
        }
        return changed.size() + removed.size();
    }

    /**
     * The phrasing classifier for exactly these articles: read from the index folder when it was trained on the
     * same articles before (so a restart does not train it again), else trained now and kept there.
     */
    private PhrasingClassifier classifier(Collection<Article> articles, Consumer<String> progress) {
        Path file = null;
        if (folder != null) {
            try {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                articles.stream().map(this::hash).sorted().forEach(h -> md.update(h.getBytes(StandardCharsets.UTF_8)));
                file = folder.resolve(
                        "classifier-" + HexFormat.of().formatHex(md.digest()).substring(0, 24) + ".bin");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            if (Files.isRegularFile(file)) {
                try (DataInputStream in =
                        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                    return PhrasingClassifier.read(in);
                } catch (IOException | RuntimeException e) {
                    progress.accept("retraining the phrasing classifier (" + file.getFileName() + " is unreadable)");
                }
            }
        }
        progress.accept("training the phrasing classifier on " + articles.size() + " articles");
        PhrasingClassifier trained = PhrasingClassifier.train(
                articles,
                a -> vectorTexts(a).stream()
                        .map(t -> Vectors.unit(indexEmbedder.embed(t, a.language())))
                        .toList());
        if (file != null) {
            try {
                Path tmp = Files.createTempFile(folder, "classifier-", ".tmp");
                try (DataOutputStream out =
                        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
                    trained.write(out);
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                try (Stream<Path> old = Files.list(folder)) {
                    for (Path p : old.toList()) {
                        String name = p.getFileName().toString();
                        if (name.startsWith("classifier-") && !p.equals(file)) {
                            Files.deleteIfExists(p);
                        }
                    }
                }
            } catch (IOException e) {
                progress.accept("could not keep the phrasing classifier in " + folder + ": " + e.getMessage());
            }
        }
        return trained;
    }

    private static List<String> vectorTexts(Article a) {
        List<String> texts = new ArrayList<>();
        texts.add(TextNormalizer.normalize(a.title()));
        for (String q : a.questions()) {
            texts.add(TextNormalizer.normalize(q));
        }
        return texts;
    }

    private List<Document> documents(Article a) {
        String lang = a.language().code();
        List<Document> docs = new ArrayList<>();
        Document main = new Document();
        main.add(new StringField(ID, a.id(), Field.Store.YES));
        main.add(new StringField(KIND, "article", Field.Store.NO));
        main.add(new StoredField(HASH, hash(a)));
        main.add(new TextField("title_" + lang, a.title(), Field.Store.NO));
        for (String q : a.questions()) {
            main.add(new TextField("questions_" + lang, q, Field.Store.NO));
        }
        main.add(new TextField("body_" + lang, a.body(), Field.Store.NO));
        List<float[]> phrasings = new ArrayList<>();
        for (String text : vectorTexts(a)) {
            phrasings.add(Vectors.unit(indexEmbedder.embed(text, a.language())));
        }
        // The centroid of all the article's phrasings: a prototype that learns from every known phrasing at
        // once, where the nearest single phrasing may be an outlier.
        float[] centroid = new float[phrasings.get(0).length];
        for (float[] e : phrasings) {
            for (int i = 0; i < e.length; i++) {
                centroid[i] += e[i];
            }
        }
        main.add(new KnnFloatVectorField(
                "centroid_" + lang, Vectors.unit(centroid), VectorSimilarityFunction.DOT_PRODUCT));
        docs.add(main);
        for (float[] e : phrasings) {
            Document v = new Document();
            v.add(new StringField(ID, a.id(), Field.Store.YES));
            v.add(new StringField(KIND, "vector", Field.Store.NO));
            v.add(new KnnFloatVectorField("vector_" + lang, e, VectorSimilarityFunction.DOT_PRODUCT));
            docs.add(v);
        }
        return docs;
    }

    private String hash(Article a) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(
                    String.valueOf(SCHEMA),
                    indexEmbedder.id(),
                    a.id(),
                    a.language().code(),
                    a.title(),
                    String.join("\u0001", a.questions()),
                    a.body())) {
                md.update(part.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Embeds a query as the index embeds its texts (normalized, no caching: every query is new). */
    public float[] embedQuery(String text, Language language) {
        return queryEmbedder.embed(TextNormalizer.normalize(text), language);
    }

    /**
     * Ranks the articles of {@code language} for a query: BM25 and vector candidates fused by weighted
     * reciprocal rank. {@code vector} is the query's embedding, or null to compute it here.
     */
    public List<Ranked> search(String text, Language language, float[] vector, int k) {
        String q = text;
        String lang = language == Language.EN ? "en" : "zh";
        Language key = language == Language.EN ? Language.EN : Language.ZH;
        try {
            IndexSearcher s = searchers.acquire();
            try {
                String[] ids = ids(s);
                Map<String, Double> lexical = new LinkedHashMap<>();
                ScoreDoc[] docs = bm25Search(s, q, lang);
                if (docs != null) {
                    for (ScoreDoc d : docs) {
                        lexical.put(ids[d.doc], (double) d.score);
                    }
                }
                float[] v = Vectors.unit(vector != null ? vector : embedQuery(q, key));
                // An article is as close as its closest phrasing (similarity); with a temperature, every one of
                // its phrasings among the neighbours adds evidence (a soft maximum), so an article that many
                // known phrasings point to beats one that a single phrasing happens to match.
                Map<String, Double> similarity = new LinkedHashMap<>();
                Map<String, Double> evidence = new HashMap<>();
                double t = ranking.neighbourTemperature();
                int neighbours = ranking.candidates() * 4;
                for (ScoreDoc d : nearest(s, "vector_" + lang, v, neighbours)) {
                    String id = ids[d.doc];
                    if (!similarity.containsKey(id) && similarity.size() >= ranking.candidates()) {
                        continue;
                    }
                    double cos = cosine(d);
                    similarity.putIfAbsent(id, cos);
                    evidence.merge(id, t > 0 ? Math.exp((cos - 1) / t) : 0, Double::sum);
                }
                if (t > 0) {
                    evidence.replaceAll((id, sum) -> 1 + t * Math.log(sum));
                } else {
                    evidence.putAll(similarity);
                }
                Map<String, Double> prototype = new HashMap<>();
                if (ranking.centroidWeight() > 0) {
                    int n = ranking.candidates();
                    for (ScoreDoc d : nearest(s, "centroid_" + lang, v, n)) {
                        prototype.put(ids[d.doc], cosine(d));
                    }
                }
                Map<String, Double> learned = classifier == null ? Map.of() : classifier.probabilities(v, key);
                // An article one retriever did not propose scores that retriever's lowest value.
                double prototypeFloor = min(prototype);
                double floor = min(similarity);
                double topLexical = lexical.values().stream()
                        .mapToDouble(Double::doubleValue)
                        .max()
                        .orElse(1);
                Set<String> candidates = new java.util.LinkedHashSet<>(similarity.keySet());
                candidates.addAll(lexical.keySet());
                candidates.addAll(learned.keySet());
                Map<String, Double> fused = new LinkedHashMap<>();
                for (String id : candidates) {
                    fused.put(
                            id,
                            ranking.vectorWeight() * evidence.getOrDefault(id, floor)
                                    + ranking.bm25Weight() * lexical.getOrDefault(id, 0.0) / topLexical
                                    + ranking.centroidWeight() * prototype.getOrDefault(id, prototypeFloor)
                                    + ranking.classifierWeight() * learned.getOrDefault(id, 0.0));
                }
                List<Ranked> out = new ArrayList<>();
                fused.forEach((id, score) -> out.add(new Ranked(id, score, similarity.getOrDefault(id, floor))));
                out.sort(Comparator.comparingDouble(Ranked::score).reversed().thenComparing(Ranked::id));
                return out.size() > k ? List.copyOf(out.subList(0, k)) : out;
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the index: " + e.getMessage(), e);
        }
    }

    /**
     * What a search reads of every document, kept for one index version (one reader): the article ids, and each
     * vector field's vectors on the heap. Reading stored fields for a query's few hundred candidates, or a
     * Lucene vector scorer over every phrasing, would cost more than the search itself.
     */
    private record ReaderCache(
            org.apache.lucene.index.IndexReader reader, String[] ids, Map<String, FieldVectors> vectors) {}

    /** The documents with a vector in one field, and their vectors (unit length), in document order. */
    private record FieldVectors(int[] docs, float[][] vectors) {}

    private volatile ReaderCache readerCache;

    private ReaderCache cache(IndexSearcher s) throws IOException {
        var cached = readerCache;
        if (cached != null && cached.reader() == s.getIndexReader()) {
            return cached;
        }
        String[] ids = new String[s.getIndexReader().maxDoc()];
        StoredFields stored = s.getIndexReader().storedFields();
        for (int doc = 0; doc < ids.length; doc++) {
            ids[doc] = stored.document(doc, Set.of(ID)).get(ID);
        }
        ReaderCache fresh = new ReaderCache(s.getIndexReader(), ids, new java.util.concurrent.ConcurrentHashMap<>());
        readerCache = fresh;
        return fresh;
    }

    /** The article id of every document of the searcher's reader, read once per index version. */
    private String[] ids(IndexSearcher s) throws IOException {
        return cache(s).ids();
    }

    private FieldVectors vectors(IndexSearcher s, String field) throws IOException {
        ReaderCache c = cache(s);
        FieldVectors known = c.vectors().get(field);
        if (known != null) {
            return known;
        }
        List<Integer> docs = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
            FloatVectorValues values = leaf.reader().getFloatVectorValues(field);
            if (values == null || values.size() == 0) {
                continue;
            }
            Bits live = leaf.reader().getLiveDocs();
            var it = values.iterator();
            for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                if (live == null || live.get(doc)) {
                    docs.add(leaf.docBase + doc);
                    vectors.add(values.vectorValue(it.index()).clone());
                }
            }
        }
        FieldVectors read =
                new FieldVectors(docs.stream().mapToInt(Integer::intValue).toArray(), vectors.toArray(new float[0][]));
        c.vectors().put(field, read);
        return read;
    }

    /**
     * The {@code n} documents whose vector in {@code field} is closest to {@code v}, best first (ties by document),
     * scored as Lucene scores them. Exact: a knowledge base holds a few thousand phrasings, and at that size
     * scoring every vector costs less than walking the HNSW graph for the hundreds of neighbours the ranking asks
     * for (which was, under load, the largest cost of a search), and misses none.
     */
    ScoreDoc[] nearest(IndexSearcher s, String field, float[] v, int n) throws IOException {
        FieldVectors all = vectors(s, field);
        java.util.PriorityQueue<ScoreDoc> best = new java.util.PriorityQueue<>(
                n + 1, Comparator.<ScoreDoc>comparingDouble(d -> d.score).thenComparing(d -> -d.doc));
        for (int i = 0; i < all.docs().length; i++) {
            float score = VectorSimilarityFunction.DOT_PRODUCT.compare(v, all.vectors()[i]);
            if (best.size() < n || score > best.peek().score) {
                best.add(new ScoreDoc(all.docs()[i], score));
                if (best.size() > n) {
                    best.poll();
                }
            }
        }
        ScoreDoc[] out = new ScoreDoc[best.size()];
        for (int i = out.length - 1; i >= 0; i--) {
            out[i] = best.poll();
        }
        return out;
    }

    /** The cosine similarity of a hit: DOT_PRODUCT scores unit vectors as (1 + cos) / 2. */
    private static double cosine(ScoreDoc d) {
        return 2.0 * d.score - 1;
    }

    private static double min(Map<String, Double> values) {
        return values.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    /** At most this many distinct terms per field, so a query of any length stays under Lucene's clause limit. */
    static final int MAX_QUERY_TERMS = 300;

    /** BM25 candidates, or null when the text has no searchable terms. */
    private ScoreDoc[] bm25Search(IndexSearcher s, String text, String lang) throws IOException {
        Query q = bm25(text, lang);
        return q == null ? null : s.search(q, ranking.candidates()).scoreDocs;
    }

    /**
     * The BM25 query over the three fields of a language, or null when the text has no searchable terms: a bag
     * of the query's distinct terms (synonyms included), each field boosted. Nothing in the text is syntax.
     */
    private Query bm25(String text, String lang) throws IOException {
        Analyzer analyzer = lang.equals("en") ? englishQuery : chineseQuery;
        Set<String> terms = new java.util.LinkedHashSet<>();
        try (var ts = analyzer.tokenStream("q", text)) {
            var term = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken() && terms.size() < MAX_QUERY_TERMS) {
                terms.add(term.toString());
            }
            ts.end();
        }
        if (terms.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (var field : List.of(
                Map.entry("title_", ranking.titleBoost()),
                Map.entry("questions_", ranking.questionsBoost()),
                Map.entry("body_", ranking.bodyBoost()))) {
            if (field.getValue() <= 0) {
                continue;
            }
            BooleanQuery.Builder fq = new BooleanQuery.Builder();
            for (String t : terms) {
                fq.add(new TermQuery(new Term(field.getKey() + lang, t)), BooleanClause.Occur.SHOULD);
            }
            all.add(new BoostQuery(fq.build(), (float) (double) field.getValue()), BooleanClause.Occur.SHOULD);
        }
        return all.build();
    }

    /** How many articles the index holds. */
    public int size() {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                return s.count(new TermQuery(new Term(KIND, "article")));
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
            indexEmbedder.save();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
