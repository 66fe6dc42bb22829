package dev.teller.intents;

import dev.teller.intents.cues.CueLexicon;
import dev.teller.intents.data.TrainingData;
import dev.teller.intents.embed.CachingEmbedder;
import dev.teller.intents.embed.Embedder;
import dev.teller.intents.embed.OnnxEmbedder;
import dev.teller.intents.model.ModelStore;
import dev.teller.intents.model.UnderstandingModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The entry point: {@code Intents.load(Intents.Config.defaults())} gives the shipped {@link Understander},
 * trained from Teller's own examples (and a bank's extra CSV files, if configured). The build trains the model
 * of our own examples into the jar, so it loads in about a second; with extra data the first load trains it
 * (about a minute) and caches it.
 */
public final class Intents {

    /** The intent of messages Teller cannot help with. */
    public static final String OUT_OF_SCOPE = "out_of_scope";

    public static final String GREETING = "greeting";
    public static final String GOODBYE = "goodbye";
    public static final String THANKS = "thanks";
    public static final String AFFIRM = "affirm";
    public static final String DENY = "deny";
    public static final String REQUEST_HUMAN = "request_human";
    public static final String COMPLAINT_STATUS = "complaint_status";

    private Intents() {}

    /**
     * How to load the shipped understander.
     *
     * @param cacheDirectory where trained models are kept between runs
     * @param extraIntentCsv a bank's own labelled examples: CSV files with a header, text then intent
     * @param progress hears a line for each step of a long load (training), for standard error or a log
     * @param embedder the sentence embedder, or null for a new {@link OnnxEmbedder}; pass one
     *     {@link dev.teller.intents.embed.RecentEmbeddings} to the knowledge base too, and a message is embedded
     *     once for both
     */
    public record Config(Path cacheDirectory, List<Path> extraIntentCsv, Consumer<String> progress, Embedder embedder) {
        public Config {
            extraIntentCsv = List.copyOf(extraIntentCsv);
        }

        /**
         * The defaults: cache in {@code TELLER_INTENTS_CACHE} or {@code ~/.cache/teller/intents}; extra CSV files
         * from {@code TELLER_INTENTS_EXTRA_DATA} (paths separated by the platform's path separator); quiet.
         */
        public static Config defaults() {
            String extra = System.getProperty("teller.intents.extra-data", System.getenv("TELLER_INTENTS_EXTRA_DATA"));
            List<Path> paths = extra == null || extra.isBlank()
                    ? List.of()
                    : java.util.Arrays.stream(extra.split(java.io.File.pathSeparator))
                            .filter(s -> !s.isBlank())
                            .map(Path::of)
                            .toList();
            return new Config(ModelStore.defaultDirectory(), paths, line -> {}, null);
        }

        public Config withProgress(Consumer<String> progress) {
            return new Config(cacheDirectory, extraIntentCsv, progress, embedder);
        }

        public Config withCacheDirectory(Path directory) {
            return new Config(directory, extraIntentCsv, progress, embedder);
        }

        /** Uses this embedder; it must produce the same vectors as {@link OnnxEmbedder} (the model is trained on them). */
        public Config withEmbedder(Embedder shared) {
            return new Config(cacheDirectory, extraIntentCsv, progress, shared);
        }

        public Config withExtraIntentCsv(List<Path> files) {
            return new Config(cacheDirectory, files, progress, embedder);
        }
    }

    /**
     * Loads the shipped understander. The model comes from the cache folder, else from the copy the build
     * trained into this library's jar (when no extra data changes what it is trained from), else it is trained
     * now and cached.
     */
    public static Understander load(Config config) {
        Embedder onnx = config.embedder() != null ? config.embedder() : new OnnxEmbedder();
        return new EnsembleUnderstander(model(config, onnx), onnx, CueLexicon.shipped());
    }

    /** The trained model for this configuration: cached, packaged by the build, or trained now and cached. */
    static UnderstandingModel model(Config config, Embedder onnx) {
        TrainingData data = TrainingData.shipped(config.extraIntentCsv());
        ModelStore store = new ModelStore(config.cacheDirectory());
        String key = key(data, onnx);
        UnderstandingModel model =
                store.load(key).or(() -> ModelStore.packaged(key)).orElse(null);
        if (model == null) {
            config.progress()
                    .accept("training the understanding model (once; it is cached in " + store.directory() + ")");
            CachingEmbedder embedder = new CachingEmbedder(onnx, null);
            model = UnderstandingModel.train(data, embedder, UnderstandingModel.Options.defaults(), config.progress());
            try {
                store.save(key, model);
            } catch (IOException e) {
                config.progress().accept("could not cache the model in " + store.directory() + ": " + e.getMessage());
            }
        }
        return model;
    }

    /** Names a model by what it was trained from and the embedding model it reads. */
    private static String key(TrainingData data, Embedder onnx) {
        return (data.fingerprint() + "-" + Integer.toHexString(onnx.id().hashCode())).substring(0, 24);
    }

    /**
     * Trains the shipped model (our own examples only) into {@code folder} at build time, so that a first start
     * loads it in a second instead of training for a minute. Reuses the model cached in {@code cache} when it
     * was trained from the same data; an up-to-date file in {@code folder} is left as it is, older ones removed.
     */
    public static void buildPackagedModel(Path folder, Path cache, Consumer<String> progress) throws IOException {
        Embedder onnx = new OnnxEmbedder();
        ModelStore out = new ModelStore(folder);
        String key = key(TrainingData.shipped(List.of()), onnx);
        if (out.load(key).isPresent()) {
            progress.accept("the packaged intents model is up to date: " + out.file(key));
        } else {
            UnderstandingModel model = model(new Config(cache, List.of(), progress, onnx), onnx);
            out.save(key, model);
            progress.accept("packaged the intents model in " + out.file(key));
        }
        out.removeAllBut(key);
    }
}
