package dev.teller.intents.text;

/**
 * Named, weighted sparse features of one message, as maximum-entropy models take them.
 *
 * @param names feature names, each at most once
 * @param values the weight of each feature, same length as {@code names}
 */
public record Features(String[] names, float[] values) {

    public int size() {
        return names.length;
    }
}
