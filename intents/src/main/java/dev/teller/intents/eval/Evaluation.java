package dev.teller.intents.eval;

import dev.teller.intents.Language;
import dev.teller.intents.classify.Encoder;
import dev.teller.intents.classify.Ensemble;
import dev.teller.intents.classify.LabeledSample;
import dev.teller.intents.data.LabeledText;
import dev.teller.intents.embed.CachingEmbedder;
import dev.teller.intents.embed.Embedder;
import dev.teller.intents.model.UnderstandingModel;
import dev.teller.intents.text.LanguageDetector;
import dev.teller.intents.text.TextNormalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains the very pipeline the product uses (normalization, n-gram features, sentence vectors, the
 * calibrated ensemble per language, the out-of-scope decision) on one labelled set and scores it on another,
 * or by k-fold cross-validation on one set.
 */
public final class Evaluation {

    /** What is being evaluated; decides the extra figures reported. */
    public enum Task {
        INTENT,
        SENTIMENT,
        COMPLAINT
    }

    /** @param oosLabel the label of out-of-scope examples (intent task), or null */
    public record Options(Task task, String oosLabel, UnderstandingModel.Options model) {}

    private final Options options;
    private final CachingEmbedder embedder;
    private final Embedder uncached;
    private final Consumer<String> progress;

    public Evaluation(Options options, CachingEmbedder embedder, Embedder uncached, Consumer<String> progress) {
        this.options = options;
        this.embedder = embedder;
        this.uncached = uncached;
        this.progress = progress;
    }

    /** Trains on {@code train}, scores on {@code test}. */
    public Map<String, Object> trainAndTest(List<LabeledText> train, List<LabeledText> test) {
        Scored scored = new Scored();
        Trained trained = train(train);
        scored.trainSeconds.add(trained.seconds);
        predict(trained, test, scored);
        return report(scored, test.size(), trained, test);
    }

    /** k-fold cross-validation: each example is scored once, by the model trained on the other folds. */
    public Map<String, Object> crossValidate(List<LabeledText> rows, int folds) {
        return crossValidate(rows, folds, folds);
    }

    /**
     * Cross-validation that scores only the first {@code foldsToRun} folds: with 1 of 5, a held-out fifth.
     */
    public Map<String, Object> crossValidate(List<LabeledText> rows, int folds, int foldsToRun) {
        if (folds < 2 || folds > rows.size()) {
            throw new IllegalArgumentException("--cv needs between 2 and " + rows.size() + " folds, got " + folds);
        }
        // Stratified: shuffle with a fixed seed, then deal each label's rows round-robin.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(20261122L));
        int[] fold = new int[rows.size()];
        Map<String, Integer> dealt = new HashMap<>();
        for (int i : order) {
            fold[i] = dealt.merge(rows.get(i).label(), 1, Integer::sum) % folds;
        }
        Scored scored = new Scored();
        Trained last = null;
        List<LabeledText> lastTest = null;
        for (int f = 0; f < Math.min(folds, Math.max(1, foldsToRun)); f++) {
            List<LabeledText> train = new ArrayList<>();
            List<LabeledText> test = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                (fold[i] == f ? test : train).add(rows.get(i));
            }
            progress.accept(
                    "fold " + (f + 1) + "/" + folds + ": training on " + train.size() + ", scoring " + test.size());
            last = train(train);
            scored.trainSeconds.add(last.seconds);
            predict(last, test, scored);
            lastTest = test;
            progress.accept(String.format(
                    java.util.Locale.ROOT, "fold %d/%d: running accuracy %.4f", f + 1, folds, scored.accuracy()));
        }
        Map<String, Object> result = report(scored, scored.gold.size(), last, lastTest);
        result.put("folds", folds);
        result.put("folds_scored", Math.min(folds, Math.max(1, foldsToRun)));
        return result;
    }

    private record Trained(Map<Language, Ensemble> models, double seconds) {}

    private static Language group(String text) {
        return LanguageDetector.detect(TextNormalizer.normalize(text), Language.EN) == Language.EN
                ? Language.EN
                : Language.ZH;
    }

    private Trained train(List<LabeledText> rows) {
        Encoder encoder = new Encoder(embedder);
        Map<Language, List<LabeledText>> byLanguage = new EnumMap<>(Language.class);
        for (LabeledText r : rows) {
            byLanguage.computeIfAbsent(group(r.text()), l -> new ArrayList<>()).add(r);
        }
        Ensemble.Options ensemble = options.model().ensemble();
        if (options.task() == Task.INTENT && options.oosLabel() != null) {
            ensemble = ensemble.withClassWeights(
                    Map.of(options.oosLabel(), options.model().outOfScopeWeight()));
        }
        // Trained as the product trains the model of each task.
        if (options.task() == Task.COMPLAINT) {
            ensemble = options.model().complaintEnsemble();
        }
        Map<Language, Ensemble> models = new EnumMap<>(Language.class);
        double seconds = 0;
        for (Map.Entry<Language, List<LabeledText>> e : byLanguage.entrySet()) {
            if (e.getValue().stream().map(LabeledText::label).distinct().count() < 2) {
                continue; // too few labels in this language to train on; its messages use the other model
            }
            List<LabeledSample> samples = UnderstandingModel.samples(e.getValue(), e.getKey(), encoder, progress);
            long start = System.nanoTime();
            Ensemble.Options forLanguage =
                    options.task() == Task.SENTIMENT ? options.model().sentimentEnsemble(e.getKey()) : ensemble;
            models.put(e.getKey(), Ensemble.train(samples, forLanguage, progress));
            seconds += (System.nanoTime() - start) / 1e9;
        }
        if (models.isEmpty()) {
            throw new IllegalArgumentException("the training data needs at least two labels");
        }
        return new Trained(models, seconds);
    }

    private String predictOne(Trained trained, Encoder encoder, String text) {
        String normalized = TextNormalizer.normalize(text);
        Language lang = LanguageDetector.detect(normalized, Language.EN) == Language.EN ? Language.EN : Language.ZH;
        if (!trained.models().containsKey(lang)) {
            lang = trained.models().keySet().iterator().next(); // read as the only model trained reads
        }
        Ensemble model = trained.models().get(lang);
        double[] p = model.probabilities(encoder.encodeNormalized(normalized, lang));
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        String label = model.labels().get(best);
        if (options.task() == Task.INTENT
                && options.oosLabel() != null
                && p[best] < options.model().outOfScopeThreshold()) {
            return options.oosLabel();
        }
        return label;
    }

    private void predict(Trained trained, List<LabeledText> test, Scored scored) {
        List<String> texts =
                test.stream().map(r -> TextNormalizer.normalize(r.text())).toList();
        List<Language> langs = texts.stream()
                .map(t -> LanguageDetector.detect(t, Language.EN) == Language.EN ? Language.EN : Language.ZH)
                .map(l -> trained.models().containsKey(l)
                        ? l
                        : trained.models().keySet().iterator().next())
                .toList();
        embedder.embedAll(texts, langs, 1, progress);
        Encoder encoder = new Encoder(embedder);
        for (LabeledText row : test) {
            scored.add(row.label(), predictOne(trained, encoder, row.text()));
        }
    }

    /** Per-message latency of the whole prediction path, embedding included, after warm-up. */
    private double[] latency(Trained trained, List<LabeledText> test) {
        Encoder fresh = new Encoder(uncached);
        int n = Math.min(test.size(), 600);
        int warmup = Math.min(100, n / 4);
        long[] times = new long[n - warmup];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            predictOne(trained, fresh, test.get(i).text());
            if (i >= warmup) {
                times[i - warmup] = System.nanoTime() - start;
            }
        }
        return new double[] {Scored.percentileMs(times, 0.50), Scored.percentileMs(times, 0.99)};
    }

    private Map<String, Object> report(Scored scored, int n, Trained trained, List<LabeledText> test) {
        progress.accept("measuring per-message latency");
        double[] lat = latency(trained, test);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("task", options.task().name().toLowerCase(java.util.Locale.ROOT));
        r.put("n", n);
        r.put("accuracy", round(scored.accuracy()));
        r.put("macro_f1", round(scored.macroF1()));
        r.put(
                "train_seconds",
                round(scored.trainSeconds.stream()
                        .mapToDouble(Double::doubleValue)
                        .average()
                        .orElse(0)));
        r.put("p50_ms", round(lat[0]));
        r.put("p99_ms", round(lat[1]));
        if (options.task() == Task.INTENT && options.oosLabel() != null) {
            String oos = options.oosLabel();
            r.put("in_scope_accuracy", round(scored.inScopeAccuracy(oos)));
            r.put("oos_recall", round(scored.recall(oos)));
            r.put("oos_precision", round(scored.precision(oos)));
        }
        if (options.task() == Task.COMPLAINT) {
            r.put("f1_complaint", round(scored.f1("complaint")));
        }
        return r;
    }

    static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
