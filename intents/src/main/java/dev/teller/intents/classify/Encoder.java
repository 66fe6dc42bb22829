package dev.teller.intents.classify;

import dev.teller.intents.Language;
import dev.teller.intents.embed.Embedder;
import dev.teller.intents.text.Featurizer;
import dev.teller.intents.text.LanguageDetector;
import dev.teller.intents.text.TextNormalizer;

/** Turns a raw message into what the classifiers read: normalized text, n-gram features, sentence vector. */
public final class Encoder {

    private final Embedder embedder;

    public Encoder(Embedder embedder) {
        this.embedder = embedder;
    }

    public Embedder embedder() {
        return embedder;
    }

    public Sample encode(String raw) {
        String text = TextNormalizer.normalize(raw);
        return encodeNormalized(text, LanguageDetector.detect(text, Language.EN));
    }

    public Sample encodeNormalized(String normalized, Language language) {
        return new Sample(Featurizer.features(normalized), embedder.embed(normalized, language));
    }
}
