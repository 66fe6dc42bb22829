package dev.teller.intents.embed;

import dev.teller.intents.Language;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Remembers vectors already computed, in memory and optionally in a file, so that training, cross-validation
 * and repeated evaluations embed each distinct text once. Batches are embedded on all cores with progress.
 */
public final class CachingEmbedder implements Embedder {

    private final Embedder inner;
    private final Map<String, float[]> cache = new ConcurrentHashMap<>();
    private final Path file;
    private final Map<String, float[]> unsaved = new ConcurrentHashMap<>();

    /** @param file where vectors are kept between runs, or null to keep them in memory only */
    public CachingEmbedder(Embedder inner, Path file) {
        this.inner = inner;
        this.file = file;
        if (file != null && Files.isRegularFile(file)) {
            load(file);
        }
    }

    @Override
    public String id() {
        return inner.id();
    }

    private static String key(String text, Language language) {
        return (language == Language.EN ? "en\u0000" : "zh\u0000") + text;
    }

    @Override
    public float[] embed(String text, Language language) {
        String key = key(text, language);
        float[] v = cache.get(key);
        if (v == null) {
            v = inner.embed(text, language);
            cache.put(key, v);
            if (file != null) {
                unsaved.put(key, v);
            }
        }
        return v;
    }

    /** Embeds every text not yet known, on {@code threads} threads, reporting progress; then saves. */
    public void embedAll(List<String> texts, List<Language> languages, int threads, Consumer<String> progress) {
        Map<String, Integer> missing = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            String key = key(texts.get(i), languages.get(i));
            if (!cache.containsKey(key)) {
                missing.putIfAbsent(key, i);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        int total = missing.size();
        progress.accept("embedding " + total + " texts (" + inner.id() + ")");
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        long[] lastReport = {start};
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int index : missing.values()) {
                futures.add(pool.submit(() -> {
                    embed(texts.get(index), languages.get(index));
                    int n = done.incrementAndGet();
                    long now = System.nanoTime();
                    synchronized (lastReport) {
                        if (now - lastReport[0] > 5_000_000_000L || n == total) {
                            lastReport[0] = now;
                            double secs = (now - start) / 1e9;
                            progress.accept(String.format(
                                    java.util.Locale.ROOT,
                                    "embedded %,d/%,d (%d%%), %.0f s, about %.0f s left",
                                    n,
                                    total,
                                    100L * n / total,
                                    secs,
                                    secs / n * (total - n)));
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while embedding", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("embedding failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        save();
    }

    /** Appends the vectors computed since the last save to the cache file. Failures to save are harmless. */
    public synchronized void save() {
        if (file == null || unsaved.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(
                    file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)))) {
                for (Map.Entry<String, float[]> e : unsaved.entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeShort(e.getValue().length);
                    for (float f : e.getValue()) {
                        out.writeFloat(f);
                    }
                }
            }
            unsaved.clear();
        } catch (IOException e) {
            // The cache only saves time; a read-only disk must not stop training.
        }
    }

    private void load(Path path) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path)))) {
            while (true) {
                String key;
                try {
                    key = in.readUTF();
                } catch (EOFException end) {
                    break;
                }
                float[] v = new float[in.readShort()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.readFloat();
                }
                cache.put(key, v);
            }
        } catch (IOException e) {
            // A truncated or foreign file: keep what was read, recompute the rest.
        }
    }
}
