package dev.teller.intents.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.teller.intents.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Frozen sentence embeddings from LangChain4j's in-process ONNX models: quantized bge-small-en-v1.5 for
 * English, bge-small-zh-v1.5 for Chinese and mixed text. Each model is loaded on first use.
 *
 * <p>Each model runs in its own ONNX session with one intra-op thread: a chat-sized message is too short for
 * a second thread to pay for the hand-over, and a server already runs one message per core. Measured on two
 * cores, this keeps the embedding's p50 where it was and halves its p99.
 *
 * <p>Long texts are cut to their head and tail before embedding: the encoder's cost grows with length,
 * and the start and the end of a long message say most about it.
 */
public final class OnnxEmbedder implements Embedder {

    /** Characters embedded at most: the first and last half of this budget. */
    static final int MAX_EMBEDDED_CHARS = 256;

    private volatile EmbeddingModel english;
    private volatile EmbeddingModel chinese;

    @Override
    public String id() {
        return "bge-small-en-v1.5-q+bge-small-zh-v1.5-q/headtail" + MAX_EMBEDDED_CHARS;
    }

    @Override
    public float[] embed(String text, Language language) {
        String input = headAndTail(text.isBlank() ? "empty" : text);
        EmbeddingModel model = language == Language.EN ? english() : chinese();
        try {
            return model.embed(input).content().vector();
        } catch (IllegalArgumentException nothingLeft) {
            // The model's own cleaning left nothing to embed (only characters it drops): read it as an empty text.
            return model.embed("empty").content().vector();
        }
    }

    static String headAndTail(String text) {
        if (text.length() <= MAX_EMBEDDED_CHARS) {
            return text;
        }
        int half = MAX_EMBEDDED_CHARS / 2;
        int headEnd = half;
        if (Character.isHighSurrogate(text.charAt(headEnd - 1))) {
            headEnd--;
        }
        int tailStart = text.length() - half;
        if (Character.isLowSurrogate(text.charAt(tailStart))) {
            tailStart++;
        }
        return text.substring(0, headEnd) + " … " + text.substring(tailStart);
    }

    private EmbeddingModel english() {
        EmbeddingModel m = english;
        if (m == null) {
            synchronized (this) {
                if (english == null) {
                    english = load("bge-small-en-v1.5-q", 384);
                }
                m = english;
            }
        }
        return m;
    }

    private EmbeddingModel chinese() {
        EmbeddingModel m = chinese;
        if (m == null) {
            synchronized (this) {
                if (chinese == null) {
                    chinese = load("bge-small-zh-v1.5-q", 512);
                }
                m = chinese;
            }
        }
        return m;
    }

    /** Loads LangChain4j's packaged model and tokenizer (resources of its model jars) into a tuned session. */
    private static EmbeddingModel load(String name, int dimension) {
        try (InputStream model = resource(name + ".onnx");
                InputStream tokenizer = resource(name + "-tokenizer.json")) {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession session = env.createSession(model.readAllBytes(), options);
            return new SessionModel(new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.CLS), dimension);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedding model " + name, e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the embedding model " + name + ": " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = OnnxEmbedder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is not on the class path (the langchain4j-embeddings model jar is missing)");
        }
        return in;
    }

    /** A LangChain4j in-process model over our own session. */
    private static final class SessionModel extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;
        private final int dimension;

        SessionModel(OnnxBertBiEncoder encoder, int dimension) {
            super(Runnable::run);
            this.encoder = encoder;
            this.dimension = dimension;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return dimension;
        }
    }
}
