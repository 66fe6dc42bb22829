package dev.teller.intents;

import java.util.List;

/**
 * How the customer feels in one message.
 *
 * @param score from -1 (very negative) through 0 (neutral) to 1 (very positive): P(positive) - P(negative)
 * @param label the most likely of negative, neutral and positive
 * @param triggers the words of the message that carry the feeling, from Teller's sentiment lexicon
 */
public record Sentiment(double score, Label label, List<String> triggers) {

    /** Sentiment classes. */
    public enum Label {
        NEGATIVE,
        NEUTRAL,
        POSITIVE
    }
}
