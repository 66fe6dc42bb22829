package dev.teller.intents.classify;

import dev.teller.intents.embed.Vectors;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.util.VectorUtil;

/**
 * Votes of the training examples nearest to a message in sentence-vector space (cosine similarity), each
 * weighted by exp(similarity / temperature). It remembers rare phrasings that a linear model averages away,
 * and errs differently from the other members, which is what an ensemble needs.
 */
public final class NearestNeighbours implements ProbabilisticClassifier {

    /** Settings. */
    public record Options(int k, double temperature) {
        public static Options defaults() {
            return new Options(10, 0.05);
        }
    }

    private static final double SMOOTHING = 1e-3;

    private final List<String> labels;
    private final float[] vectors; // [example][dim], unit length
    /**
     * The same vectors one array each, for Lucene's {@link VectorUtil#dotProduct}, which uses the processor's
     * vector instructions when the JVM runs with {@code --add-modules jdk.incubator.vector} (the scan over every
     * example is most of this member's cost).
     */
    private final float[][] rows;

    private final int[] labelOf;
    private final int dims;
    private final Options options;

    private NearestNeighbours(List<String> labels, float[] vectors, int[] labelOf, int dims, Options options) {
        this.labels = List.copyOf(labels);
        this.vectors = vectors;
        this.rows = new float[labelOf.length][];
        for (int i = 0; i < labelOf.length; i++) {
            rows[i] = java.util.Arrays.copyOfRange(vectors, i * dims, (i + 1) * dims);
        }
        this.labelOf = labelOf;
        this.dims = dims;
        this.options = options;
    }

    public static NearestNeighbours train(List<LabeledSample> data, Options options) {
        List<String> labels =
                data.stream().map(LabeledSample::label).distinct().sorted().toList();
        int dims = data.get(0).sample().embedding().length;
        float[] vectors = new float[data.size() * dims];
        int[] labelOf = new int[data.size()];
        for (int n = 0; n < data.size(); n++) {
            float[] unit = Vectors.unit(data.get(n).sample().embedding());
            System.arraycopy(unit, 0, vectors, n * dims, dims);
            labelOf[n] = labels.indexOf(data.get(n).label());
        }
        return new NearestNeighbours(labels, vectors, labelOf, dims, options);
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public double[] probabilities(Sample sample) {
        float[] q = Vectors.unit(sample.embedding());
        int n = labelOf.length;
        int k = Math.min(options.k(), n);
        // Keep the k best similarities in a small sorted array.
        float[] bestSim = new float[k];
        int[] bestIdx = new int[k];
        java.util.Arrays.fill(bestSim, -2f);
        for (int i = 0; i < n; i++) {
            float s = VectorUtil.dotProduct(q, rows[i]);
            if (s > bestSim[k - 1]) {
                int j = k - 1;
                while (j > 0 && bestSim[j - 1] < s) {
                    bestSim[j] = bestSim[j - 1];
                    bestIdx[j] = bestIdx[j - 1];
                    j--;
                }
                bestSim[j] = s;
                bestIdx[j] = i;
            }
        }
        double[] p = new double[labels.size()];
        double top = bestSim[0];
        for (int j = 0; j < k; j++) {
            if (bestSim[j] > -2f) {
                p[labelOf[bestIdx[j]]] += Math.exp((bestSim[j] - top) / options.temperature());
            }
        }
        double sum = 0;
        for (double v : p) {
            sum += v;
        }
        for (int c = 0; c < p.length; c++) {
            p[c] = (1 - SMOOTHING) * (sum == 0 ? 1.0 / p.length : p[c] / sum) + SMOOTHING / p.length;
        }
        return p;
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        out.writeInt(options.k());
        out.writeDouble(options.temperature());
        out.writeInt(labels.size());
        for (String l : labels) {
            out.writeUTF(l);
        }
        out.writeInt(dims);
        SoftmaxRegression.writeFloats(out, vectors);
        out.writeInt(labelOf.length);
        for (int l : labelOf) {
            out.writeShort(l);
        }
    }

    public static NearestNeighbours read(DataInputStream in) throws IOException {
        Options options = new Options(in.readInt(), in.readDouble());
        int k = in.readInt();
        List<String> labels = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            labels.add(in.readUTF());
        }
        int dims = in.readInt();
        float[] vectors = SoftmaxRegression.readFloats(in);
        int[] labelOf = new int[in.readInt()];
        for (int i = 0; i < labelOf.length; i++) {
            labelOf[i] = in.readShort();
        }
        return new NearestNeighbours(labels, vectors, labelOf, dims, options);
    }
}
