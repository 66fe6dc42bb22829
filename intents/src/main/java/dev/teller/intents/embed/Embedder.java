package dev.teller.intents.embed;

import dev.teller.intents.Language;

/** Turns a normalized message into a dense sentence vector of a fixed size for its language. */
public interface Embedder {

    /** The vector of {@code text}, L2-normalized. Chinese and mixed text use the Chinese model. */
    float[] embed(String text, Language language);

    /** A name that changes whenever the vectors would change; part of every trained model's cache key. */
    String id();
}
