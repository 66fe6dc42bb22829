package dev.teller.intents.embed;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import dev.teller.intents.Language;

/**
 * Frozen sentence embeddings from LangChain4j's in-process ONNX models: quantized bge-small-en-v1.5 for
 * English, bge-small-zh-v1.5 for Chinese and mixed text. Each model is loaded on first use.
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
        return model.embed(input).content().vector();
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
                    english = new BgeSmallEnV15QuantizedEmbeddingModel();
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
                    chinese = new BgeSmallZhV15QuantizedEmbeddingModel();
                }
                m = chinese;
            }
        }
        return m;
    }
}
