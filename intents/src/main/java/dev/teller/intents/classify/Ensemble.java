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
 * A calibrated ensemble of three members that read a message differently: an OpenNLP maximum-entropy model
 * over word and character n-grams, a linear head over the frozen sentence embedding, and the votes of the
 * nearest training examples in embedding space. Their probabilities are combined log-linearly. The weight of
 * each member, which also sets the ensemble's temperature, is fitted on a held-out fifth of the training data
 * by minimum log-loss; then the members are retrained on all of it. Class weights, and the option to balance
 * the classes, shift the prior of the combined model. A class given a reduced weight (the explicit out-of-scope class)
 * has its prior lowered by that factor, so it wins only where the evidence for it is clear.
 */
public final class Ensemble implements ProbabilisticClassifier {

    /** Training settings. */
    public record Options(
            MaxentNgrams.Options maxent,
            SoftmaxRegression.Options head,
            NearestNeighbours.Options neighbours,
            Map<String, Double> classWeights,
            boolean balanced) {
        public static Options defaults() {
            return new Options(
                    MaxentNgrams.Options.defaults(),
                    SoftmaxRegression.Options.defaults(),
                    NearestNeighbours.Options.defaults(),
                    Map.of(),
                    false);
        }

        public Options withClassWeights(Map<String, Double> weights) {
            return new Options(maxent, head, neighbours, Map.copyOf(weights), balanced);
        }

        /** The same with other settings for the embedding head. */
        public Options withHead(SoftmaxRegression.Options head) {
            return new Options(maxent, head, neighbours, classWeights, balanced);
        }

        /** Every label counts as if it had as many examples as the others (for a rarer class that matters). */
        public Options withBalancedClasses() {
            return new Options(maxent, head, neighbours, classWeights, true);
        }
    }

    /** Weights searched for each member. */
    private static final double[] GRID = {0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3};

    private final List<ProbabilisticClassifier> members;
    private final double[] weights;
    private final double[] logPrior;
    private final List<String> labels;

    private Ensemble(List<ProbabilisticClassifier> members, double[] weights, double[] logPrior) {
        for (ProbabilisticClassifier m : members) {
            if (!m.labels().equals(members.get(0).labels())) {
                throw new IllegalArgumentException("members disagree on labels");
            }
        }
        this.members = List.copyOf(members);
        this.weights = weights.clone();
        this.logPrior = logPrior;
        this.labels = members.get(0).labels();
    }

    /** The fitted weight of each member: maxent, embedding head, nearest neighbours. */
    public double[] weights() {
        return weights.clone();
    }

    private static List<ProbabilisticClassifier> trainMembers(List<LabeledSample> data, Options options) {
        return List.of(
                MaxentNgrams.train(data, options.maxent()),
                SoftmaxRegression.train(data, options.head()),
                NearestNeighbours.train(data, options.neighbours()));
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
        List<String> labels =
                data.stream().map(LabeledSample::label).distinct().sorted().toList();
        double[] logPrior = new double[labels.size()];
        for (int i = 0; i < labels.size(); i++) {
            logPrior[i] = Math.log(options.classWeights().getOrDefault(labels.get(i), 1.0));
            if (options.balanced()) {
                String label = labels.get(i);
                long count = data.stream().filter(s -> s.label().equals(label)).count();
                logPrior[i] += Math.log(data.size() / (double) labels.size() / count);
            }
        }

        double[] weights = {1, 1, 1};
        if (!held.isEmpty() && fit.stream().map(LabeledSample::label).distinct().count() == labels.size()) {
            progress.accept("calibrating on a held-out fifth (" + held.size() + " examples)");
            List<ProbabilisticClassifier> members = trainMembers(fit, options);
            double[][][] logP = new double[members.size()][held.size()][];
            int[] y = new int[held.size()];
            for (int i = 0; i < held.size(); i++) {
                for (int m = 0; m < members.size(); m++) {
                    logP[m][i] = logs(members.get(m).probabilities(held.get(i).sample()));
                }
                y[i] = labels.indexOf(held.get(i).label());
            }
            double best = Double.POSITIVE_INFINITY;
            for (double a : GRID) {
                for (double b : GRID) {
                    for (double c : GRID) {
                        if (a + b + c == 0) {
                            continue;
                        }
                        double loss = logLoss(logP, y, new double[] {a, b, c}, logPrior);
                        if (loss < best - 1e-12) {
                            best = loss;
                            weights = new double[] {a, b, c};
                        }
                    }
                }
            }
            progress.accept(String.format(
                    java.util.Locale.ROOT,
                    "member weights: maxent %.2f, embedding head %.2f, neighbours %.2f",
                    weights[0],
                    weights[1],
                    weights[2]));
        }
        progress.accept("training on all " + data.size() + " examples");
        return new Ensemble(trainMembers(data, options), weights, logPrior);
    }

    private static double[] logs(double[] p) {
        double[] l = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            l[i] = Math.log(Math.max(p[i], 1e-12));
        }
        return l;
    }

    private static double logLoss(double[][][] logP, int[] y, double[] w, double[] logPrior) {
        double loss = 0;
        double[] z = new double[logPrior.length];
        for (int i = 0; i < y.length; i++) {
            for (int c = 0; c < z.length; c++) {
                double v = logPrior[c];
                for (int m = 0; m < w.length; m++) {
                    v += w[m] * logP[m][i][c];
                }
                z[c] = v;
            }
            SoftmaxRegression.softmaxInPlace(z);
            loss -= Math.log(Math.max(z[y[i]], 1e-12));
        }
        return loss / y.length;
    }

    @Override
    public double[] probabilities(Sample sample) {
        double[] out = logPrior.clone();
        for (int m = 0; m < members.size(); m++) {
            if (weights[m] == 0) {
                continue;
            }
            double[] p = members.get(m).probabilities(sample);
            for (int c = 0; c < out.length; c++) {
                out[c] += weights[m] * Math.log(Math.max(p[c], 1e-12));
            }
        }
        SoftmaxRegression.softmaxInPlace(out);
        return out;
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        out.writeInt(weights.length);
        for (double w : weights) {
            out.writeDouble(w);
        }
        out.writeInt(logPrior.length);
        for (double v : logPrior) {
            out.writeDouble(v);
        }
        members.get(0).write(out);
        members.get(1).write(out);
        members.get(2).write(out);
    }

    public static Ensemble read(DataInputStream in) throws IOException {
        double[] weights = new double[in.readInt()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = in.readDouble();
        }
        double[] logPrior = new double[in.readInt()];
        for (int i = 0; i < logPrior.length; i++) {
            logPrior[i] = in.readDouble();
        }
        List<ProbabilisticClassifier> members =
                List.of(MaxentNgrams.read(in), SoftmaxRegression.read(in), NearestNeighbours.read(in));
        return new Ensemble(members, weights, logPrior);
    }
}
