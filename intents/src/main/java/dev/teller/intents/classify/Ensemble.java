package dev.teller.intents.classify;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A calibrated ensemble: an OpenNLP maximum-entropy model over n-grams and a linear head over sentence
 * embeddings (with n-grams beside them), combined log-linearly. The weight of each member, which is also the
 * ensemble's temperature, is fitted on a held-out fifth of the training data by minimum log-loss; then
 * both members are retrained on all of it. A class given a reduced weight (the explicit out-of-scope class)
 * has its prior lowered by that factor, so it wins only where the evidence for it is clear.
 */
public final class Ensemble implements ProbabilisticClassifier {

    /** Training settings. */
    public record Options(
            MaxentNgrams.Options maxent, SoftmaxRegression.Options head, Map<String, Double> classWeights) {
        public static Options defaults() {
            return new Options(MaxentNgrams.Options.defaults(), SoftmaxRegression.Options.defaults(), Map.of());
        }

        public Options withClassWeights(Map<String, Double> weights) {
            return new Options(maxent, head, Map.copyOf(weights));
        }
    }

    private final MaxentNgrams maxent;
    private final SoftmaxRegression head;
    private final double maxentWeight;
    private final double headWeight;
    private final double[] logPrior;
    private final List<String> labels;

    private Ensemble(MaxentNgrams maxent, SoftmaxRegression head, double maxentWeight, double headWeight, double[] logPrior) {
        if (!maxent.labels().equals(head.labels())) {
            throw new IllegalArgumentException("members disagree on labels");
        }
        this.maxent = maxent;
        this.head = head;
        this.maxentWeight = maxentWeight;
        this.headWeight = headWeight;
        this.logPrior = logPrior;
        this.labels = maxent.labels();
    }

    public double maxentWeight() {
        return maxentWeight;
    }

    public double headWeight() {
        return headWeight;
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    /**
     * Trains the ensemble. {@code progress} hears a line per step.
     *
     * @throws IllegalArgumentException with fewer than two labels
     */
    public static Ensemble train(List<LabeledSample> data, Options options, Consumer<String> progress) {
        long labelCount = data.stream().map(LabeledSample::label).distinct().count();
        if (labelCount < 2) {
            throw new IllegalArgumentException("training data needs at least two labels, has " + labelCount);
        }
        // Held-out fifth, every fifth example of each label, so every label is on both sides.
        List<LabeledSample> fit = new ArrayList<>();
        List<LabeledSample> held = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (LabeledSample s : data) {
            int n = seen.merge(s.label(), 1, Integer::sum);
            (n % 5 == 0 ? held : fit).add(s);
        }
        List<String> labels = data.stream().map(LabeledSample::label).distinct().sorted().toList();
        double[] logPrior = new double[labels.size()];
        for (int i = 0; i < labels.size(); i++) {
            logPrior[i] = Math.log(options.classWeights().getOrDefault(labels.get(i), 1.0));
        }

        double maxentWeight = 1;
        double headWeight = 1;
        if (!held.isEmpty() && fit.stream().map(LabeledSample::label).distinct().count() == labels.size()) {
            progress.accept("calibrating on a held-out fifth (" + held.size() + " examples)");
            MaxentNgrams m = MaxentNgrams.train(fit, options.maxent());
            SoftmaxRegression h = SoftmaxRegression.train(fit, options.head());
            double[][] pm = new double[held.size()][];
            double[][] ph = new double[held.size()][];
            int[] y = new int[held.size()];
            for (int i = 0; i < held.size(); i++) {
                pm[i] = m.probabilities(held.get(i).sample());
                ph[i] = h.probabilities(held.get(i).sample());
                y[i] = labels.indexOf(held.get(i).label());
            }
            double best = Double.POSITIVE_INFINITY;
            for (double a = 0; a <= 4.0001; a += 0.1) {
                for (double b = 0; b <= 4.0001; b += 0.1) {
                    if (a == 0 && b == 0) {
                        continue;
                    }
                    double loss = logLoss(pm, ph, y, a, b, logPrior);
                    if (loss < best - 1e-12) {
                        best = loss;
                        maxentWeight = a;
                        headWeight = b;
                    }
                }
            }
            progress.accept(String.format(
                    java.util.Locale.ROOT, "member weights: maxent %.1f, embedding head %.1f", maxentWeight, headWeight));
        }
        progress.accept("training on all " + data.size() + " examples");
        MaxentNgrams m = MaxentNgrams.train(data, options.maxent());
        SoftmaxRegression h = SoftmaxRegression.train(data, options.head());
        return new Ensemble(m, h, maxentWeight, headWeight, logPrior);
    }

    private static double logLoss(double[][] pm, double[][] ph, int[] y, double a, double b, double[] logPrior) {
        double loss = 0;
        double[] z = new double[logPrior.length];
        for (int i = 0; i < y.length; i++) {
            combine(pm[i], ph[i], a, b, logPrior, z);
            loss -= Math.log(Math.max(z[y[i]], 1e-12));
        }
        return loss / y.length;
    }

    private static void combine(double[] pm, double[] ph, double a, double b, double[] logPrior, double[] out) {
        for (int c = 0; c < out.length; c++) {
            out[c] = a * Math.log(Math.max(pm[c], 1e-12)) + b * Math.log(Math.max(ph[c], 1e-12)) + logPrior[c];
        }
        SoftmaxRegression.softmaxInPlace(out);
    }

    @Override
    public double[] probabilities(Sample sample) {
        double[] out = new double[labels.size()];
        combine(maxent.probabilities(sample), head.probabilities(sample), maxentWeight, headWeight, logPrior, out);
        return out;
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        out.writeDouble(maxentWeight);
        out.writeDouble(headWeight);
        out.writeInt(logPrior.length);
        for (double v : logPrior) {
            out.writeDouble(v);
        }
        maxent.write(out);
        head.write(out);
    }

    public static Ensemble read(DataInputStream in) throws IOException {
        double a = in.readDouble();
        double b = in.readDouble();
        double[] logPrior = new double[in.readInt()];
        for (int i = 0; i < logPrior.length; i++) {
            logPrior[i] = in.readDouble();
        }
        return new Ensemble(MaxentNgrams.read(in), SoftmaxRegression.read(in), a, b, logPrior);
    }
}
