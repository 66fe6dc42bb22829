package dev.teller.kb.index;

import dev.teller.intents.Language;
import dev.teller.intents.classify.LabeledSample;
import dev.teller.intents.classify.Sample;
import dev.teller.intents.classify.SoftmaxRegression;
import dev.teller.kb.Article;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A classifier from a query's sentence vector to the article it asks for, trained on every known phrasing
 * (titles and alternative questions) with the intents module's softmax head. Where matching finds the
 * closest phrasing, this learns which directions of the vector space separate one article from its
 * neighbours. Trained per language, and only where articles have several phrasings on average: with one
 * phrasing per article it would only repeat the nearest-neighbour search.
 */
final class PhrasingClassifier {

    /** Average phrasings per article below which a language gets no classifier. */
    static final double MIN_PHRASINGS_PER_ARTICLE = 2.0;

    static final PhrasingClassifier NONE = new PhrasingClassifier(Map.of());

    private final Map<Language, SoftmaxRegression> models;

    private PhrasingClassifier(Map<Language, SoftmaxRegression> models) {
        this.models = models;
    }

    /**
     * Trains on the articles' phrasings; {@code vectors} gives the unit vectors of an article's phrasings. The
     * languages train side by side.
     */
    static PhrasingClassifier train(Collection<Article> articles, Function<Article, List<float[]>> vectors) {
        Map<Language, SoftmaxRegression> models = new java.util.concurrent.ConcurrentHashMap<>();
        List<Language> languages = List.of(Language.EN, Language.ZH);
        languages.parallelStream().forEach(lang -> {
            List<LabeledSample> samples = new ArrayList<>();
            int count = 0;
            for (Article a : articles) {
                if (a.language() != lang) {
                    continue;
                }
                count++;
                for (float[] v : vectors.apply(a)) {
                    samples.add(new LabeledSample(new Sample(null, v), a.id()));
                }
            }
            if (count >= 2 && samples.size() >= MIN_PHRASINGS_PER_ARTICLE * count) {
                models.put(lang, SoftmaxRegression.train(samples, SoftmaxRegression.Options.defaults()));
            }
        });
        Map<Language, SoftmaxRegression> ordered = new EnumMap<>(Language.class);
        ordered.putAll(models);
        return new PhrasingClassifier(ordered);
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(models.size());
        for (Map.Entry<Language, SoftmaxRegression> e : models.entrySet()) {
            out.writeUTF(e.getKey().code());
            e.getValue().write(out);
        }
    }

    static PhrasingClassifier read(DataInputStream in) throws IOException {
        int n = in.readInt();
        Map<Language, SoftmaxRegression> models = new EnumMap<>(Language.class);
        for (int i = 0; i < n; i++) {
            Language lang = in.readUTF().equals("en") ? Language.EN : Language.ZH;
            models.put(lang, SoftmaxRegression.read(in));
        }
        return new PhrasingClassifier(models);
    }

    /** Probabilities below this are left out: they cannot move a ranking. */
    static final double MIN_PROBABILITY = 0.01;

    /**
     * The probability of the likely articles of the language for a unit query vector (those at or above
     * {@link #MIN_PROBABILITY}); empty without a model.
     */
    Map<String, Double> probabilities(float[] vector, Language language) {
        SoftmaxRegression model = models.get(language);
        if (model == null) {
            return Map.of();
        }
        double[] p = model.probabilities(new Sample(null, vector));
        Map<String, Double> out = new HashMap<>();
        List<String> labels = model.labels();
        for (int i = 0; i < p.length; i++) {
            if (p[i] >= MIN_PROBABILITY) {
                out.put(labels.get(i), p[i]);
            }
        }
        return out;
    }
}
