package dev.teller.intents.embed;

import dev.teller.intents.Language;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the vectors of the last few texts, so that one message is embedded once even when several
 * components read it: the chat server shares one instance between the intents module and the knowledge base,
 * which embed the same normalized text with the same model. Bounded, unlike {@link CachingEmbedder}, so it is
 * safe for a long-running server; thread-safe.
 */
public final class RecentEmbeddings implements Embedder {

    private final Embedder inner;
    private final Map<String, float[]> recent;

    public RecentEmbeddings(Embedder inner, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.inner = inner;
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public float[] embed(String text, Language language) {
        String key = (language == Language.EN ? "en\u0000" : "zh\u0000") + text;
        synchronized (recent) {
            float[] v = recent.get(key);
            if (v != null) {
                return v.clone();
            }
        }
        float[] v = inner.embed(text, language);
        synchronized (recent) {
            recent.put(key, v.clone());
        }
        return v;
    }

    @Override
    public String id() {
        return inner.id();
    }
}
