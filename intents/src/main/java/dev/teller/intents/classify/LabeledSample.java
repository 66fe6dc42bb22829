package dev.teller.intents.classify;

/**
 * A training example.
 *
 * @param weight how much the example counts (1 normally; less for a class that should win only when sure)
 */
public record LabeledSample(Sample sample, String label, float weight) {

    public LabeledSample(Sample sample, String label) {
        this(sample, label, 1f);
    }
}
