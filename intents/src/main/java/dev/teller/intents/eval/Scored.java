package dev.teller.intents.eval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Gold and predicted labels, and the figures computed from them. */
public final class Scored {

    final List<String> gold = new ArrayList<>();
    final List<String> predicted = new ArrayList<>();
    final List<Double> trainSeconds = new ArrayList<>();

    public void add(String goldLabel, String predictedLabel) {
        gold.add(goldLabel);
        predicted.add(predictedLabel);
    }

    public double accuracy() {
        int correct = 0;
        for (int i = 0; i < gold.size(); i++) {
            if (gold.get(i).equals(predicted.get(i))) {
                correct++;
            }
        }
        return gold.isEmpty() ? 0 : correct / (double) gold.size();
    }

    public double precision(String label) {
        int tp = 0;
        int predictedPositive = 0;
        for (int i = 0; i < gold.size(); i++) {
            if (predicted.get(i).equals(label)) {
                predictedPositive++;
                if (gold.get(i).equals(label)) {
                    tp++;
                }
            }
        }
        return predictedPositive == 0 ? 0 : tp / (double) predictedPositive;
    }

    public double recall(String label) {
        int tp = 0;
        int positive = 0;
        for (int i = 0; i < gold.size(); i++) {
            if (gold.get(i).equals(label)) {
                positive++;
                if (predicted.get(i).equals(label)) {
                    tp++;
                }
            }
        }
        return positive == 0 ? 0 : tp / (double) positive;
    }

    public double f1(String label) {
        double p = precision(label);
        double r = recall(label);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** The mean F1 over the labels of the gold standard. */
    public double macroF1() {
        Set<String> labels = new LinkedHashSet<>(gold);
        return labels.stream().mapToDouble(this::f1).average().orElse(0);
    }

    /** Accuracy over the examples whose gold label is not {@code oos}. */
    /** The value at quantile {@code q} (0..1) of {@code nanos}, in milliseconds; sorts the array. */
    public static double percentileMs(long[] nanos, double q) {
        if (nanos.length == 0) {
            return 0;
        }
        java.util.Arrays.sort(nanos);
        return nanos[(int) Math.floor(q * (nanos.length - 1))] / 1e6;
    }

    public double inScopeAccuracy(String oos) {
        int n = 0;
        int correct = 0;
        for (int i = 0; i < gold.size(); i++) {
            if (!gold.get(i).equals(oos)) {
                n++;
                if (gold.get(i).equals(predicted.get(i))) {
                    correct++;
                }
            }
        }
        return n == 0 ? 0 : correct / (double) n;
    }
}
