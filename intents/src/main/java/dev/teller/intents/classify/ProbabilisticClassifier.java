package dev.teller.intents.classify;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/** A trained, immutable classifier that gives a probability to every label it knows. */
public interface ProbabilisticClassifier {

    /** The labels, in the order of {@link #probabilities(Sample)}. */
    List<String> labels();

    /** A probability per label, summing to 1. */
    double[] probabilities(Sample sample);

    /** Writes the model so that its reader can restore it exactly. */
    void write(DataOutputStream out) throws IOException;
}
