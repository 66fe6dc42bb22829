package dev.teller.intents.classify;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Multinomial logistic regression over a message's dense sentence vector (standardized) and, optionally,
 * its sparse n-gram features: a linear head on frozen embeddings. Trained by mini-batch AdaGrad with L2,
 * in a fixed order from a fixed seed, so the same data always gives the same model. Examples carry weights.
 */
public final class SoftmaxRegression implements ProbabilisticClassifier {

    /** Training settings. */
    public record Options(boolean sparse, int epochs, int batch, double learningRate, double l2, long seed) {
        public static Options defaults() {
            return new Options(false, 20, 8, 0.2, 1e-5, 17L);
        }

        /** The same, also reading the sparse n-gram features. */
        public Options withSparseFeatures() {
            return new Options(true, epochs, batch, learningRate, l2, seed);
        }

        /** The same with another AdaGrad step size. */
        public Options withLearningRate(double rate) {
            return new Options(sparse, epochs, batch, rate, l2, seed);
        }
    }

    private final List<String> labels;
    private final Map<String, Integer> featureIndex;
    private final float[] mean;
    private final float[] scale;
    private final float[] sparseWeights; // [feature][label]
    private final float[] denseWeights; // [dim][label]
    private final float[] bias;

    private SoftmaxRegression(
            List<String> labels,
            Map<String, Integer> featureIndex,
            float[] mean,
            float[] scale,
            float[] sparseWeights,
            float[] denseWeights,
            float[] bias) {
        this.labels = List.copyOf(labels);
        this.featureIndex = featureIndex;
        this.mean = mean;
        this.scale = scale;
        this.sparseWeights = sparseWeights;
        this.denseWeights = denseWeights;
        this.bias = bias;
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    public static SoftmaxRegression train(List<LabeledSample> data, Options options) {
        List<String> labels =
                data.stream().map(LabeledSample::label).distinct().sorted().toList();
        Map<String, Integer> labelIndex = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            labelIndex.put(labels.get(i), i);
        }
        int k = labels.size();
        int dims = data.isEmpty() || data.get(0).sample().embedding() == null
                ? 0
                : data.get(0).sample().embedding().length;

        // Dense standardization.
        float[] mean = new float[dims];
        float[] scale = new float[dims];
        if (dims > 0) {
            double[] sum = new double[dims];
            double[] sq = new double[dims];
            for (LabeledSample s : data) {
                float[] e = s.sample().embedding();
                for (int d = 0; d < dims; d++) {
                    sum[d] += e[d];
                    sq[d] += (double) e[d] * e[d];
                }
            }
            for (int d = 0; d < dims; d++) {
                double m = sum[d] / data.size();
                double var = Math.max(sq[d] / data.size() - m * m, 1e-12);
                mean[d] = (float) m;
                scale[d] = (float) (1 / Math.sqrt(var) / Math.sqrt(dims));
            }
        }

        // Sparse dictionary, in first-seen order.
        Map<String, Integer> featureIndex = new HashMap<>();
        int[][] idx = new int[data.size()][];
        float[][] val = new float[data.size()][];
        if (options.sparse()) {
            for (int n = 0; n < data.size(); n++) {
                var f = data.get(n).sample().features();
                idx[n] = new int[f.size()];
                val[n] = f.values();
                for (int j = 0; j < f.size(); j++) {
                    idx[n][j] = featureIndex.computeIfAbsent(f.names()[j], x -> featureIndex.size());
                }
            }
        }
        float[][] dense = new float[data.size()][];
        for (int n = 0; n < data.size(); n++) {
            dense[n] = standardize(data.get(n).sample().embedding(), mean, scale);
        }

        int features = featureIndex.size();
        float[] ws = new float[features * k];
        float[] wd = new float[dims * k];
        float[] b = new float[k];
        float[] gs2 = new float[features * k];
        float[] gd2 = new float[dims * k];
        float[] gb2 = new float[k];
        float[] gradDense = new float[dims * k];
        float[] gradBias = new float[k];
        Map<Integer, float[]> gradSparse = new HashMap<>();

        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(options.seed());
        double lr = options.learningRate();
        double l2 = options.l2();
        double[] p = new double[k];
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int start = 0; start < order.length; start += options.batch()) {
                int end = Math.min(order.length, start + options.batch());
                java.util.Arrays.fill(gradDense, 0);
                java.util.Arrays.fill(gradBias, 0);
                gradSparse.clear();
                for (int o = start; o < end; o++) {
                    int n = order[o];
                    LabeledSample s = data.get(n);
                    scores(options.sparse() ? idx[n] : null, val[n], dense[n], ws, wd, b, k, p);
                    softmaxInPlace(p);
                    int y = labelIndex.get(s.label());
                    float w = s.weight();
                    for (int c = 0; c < k; c++) {
                        float g = (float) ((p[c] - (c == y ? 1 : 0)) * w);
                        if (g == 0) {
                            continue;
                        }
                        gradBias[c] += g;
                        float[] x = dense[n];
                        for (int d = 0; d < dims; d++) {
                            gradDense[d * k + c] += g * x[d];
                        }
                        if (options.sparse()) {
                            for (int j = 0; j < idx[n].length; j++) {
                                float[] row = gradSparse.computeIfAbsent(idx[n][j], x2 -> new float[k]);
                                row[c] += g * val[n][j];
                            }
                        }
                    }
                }
                // AdaGrad steps, with L2 on the weights touched.
                for (int c = 0; c < k; c++) {
                    float g = gradBias[c];
                    gb2[c] += g * g;
                    b[c] -= (float) (lr * g / (Math.sqrt(gb2[c]) + 1e-8));
                }
                for (int q = 0; q < wd.length; q++) {
                    float g = gradDense[q] + (float) (l2 * wd[q] * (end - start));
                    if (g == 0) {
                        continue;
                    }
                    gd2[q] += g * g;
                    wd[q] -= (float) (lr * g / (Math.sqrt(gd2[q]) + 1e-8));
                }
                for (Map.Entry<Integer, float[]> e : gradSparse.entrySet()) {
                    int base = e.getKey() * k;
                    float[] row = e.getValue();
                    for (int c = 0; c < k; c++) {
                        float g = row[c] + (float) (l2 * ws[base + c] * (end - start));
                        if (g == 0) {
                            continue;
                        }
                        gs2[base + c] += g * g;
                        ws[base + c] -= (float) (lr * g / (Math.sqrt(gs2[base + c]) + 1e-8));
                    }
                }
            }
        }
        return new SoftmaxRegression(labels, featureIndex, mean, scale, ws, wd, b);
    }

    private static float[] standardize(float[] e, float[] mean, float[] scale) {
        if (e == null || mean.length == 0) {
            return new float[0];
        }
        float[] x = new float[mean.length];
        for (int d = 0; d < x.length; d++) {
            x[d] = (e[d] - mean[d]) * scale[d];
        }
        return x;
    }

    private static void scores(
            int[] idx, float[] val, float[] x, float[] ws, float[] wd, float[] b, int k, double[] out) {
        for (int c = 0; c < k; c++) {
            out[c] = b[c];
        }
        for (int d = 0; d < x.length; d++) {
            float xd = x[d];
            int base = d * k;
            for (int c = 0; c < k; c++) {
                out[c] += xd * wd[base + c];
            }
        }
        if (idx != null) {
            for (int j = 0; j < idx.length; j++) {
                if (idx[j] < 0) {
                    continue;
                }
                int base = idx[j] * k;
                float v = val[j];
                for (int c = 0; c < k; c++) {
                    out[c] += v * ws[base + c];
                }
            }
        }
    }

    static void softmaxInPlace(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            z[i] = Math.exp(z[i] - max);
            sum += z[i];
        }
        for (int i = 0; i < z.length; i++) {
            z[i] /= sum;
        }
    }

    @Override
    public double[] probabilities(Sample sample) {
        int k = labels.size();
        double[] p = new double[k];
        int[] idx = null;
        float[] val = null;
        if (!featureIndex.isEmpty()) {
            var f = sample.features();
            idx = new int[f.size()];
            val = f.values();
            for (int j = 0; j < f.size(); j++) {
                idx[j] = featureIndex.getOrDefault(f.names()[j], -1);
            }
        }
        scores(idx, val, standardize(sample.embedding(), mean, scale), sparseWeights, denseWeights, bias, k, p);
        softmaxInPlace(p);
        return p;
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        out.writeInt(labels.size());
        for (String l : labels) {
            out.writeUTF(l);
        }
        String[] names = new String[featureIndex.size()];
        featureIndex.forEach((name, i) -> names[i] = name);
        out.writeInt(names.length);
        for (String n : names) {
            out.writeUTF(n);
        }
        writeFloats(out, mean);
        writeFloats(out, scale);
        writeFloats(out, sparseWeights);
        writeFloats(out, denseWeights);
        writeFloats(out, bias);
    }

    public static SoftmaxRegression read(DataInputStream in) throws IOException {
        int k = in.readInt();
        List<String> labels = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            labels.add(in.readUTF());
        }
        int f = in.readInt();
        Map<String, Integer> featureIndex = new HashMap<>(f * 2);
        for (int i = 0; i < f; i++) {
            featureIndex.put(in.readUTF(), i);
        }
        return new SoftmaxRegression(
                labels, featureIndex, readFloats(in), readFloats(in), readFloats(in), readFloats(in), readFloats(in));
    }

    static void writeFloats(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        for (float v : a) {
            out.writeFloat(v);
        }
    }

    static float[] readFloats(DataInputStream in) throws IOException {
        float[] a = new float[in.readInt()];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readFloat();
        }
        return a;
    }
}
