package dev.teller.intents;

import java.util.List;

/**
 * What Teller understood of one customer message.
 *
 * @param language the message's language (mixed: Chinese and English together)
 * @param intents up to five candidate intents, most likely first, with calibrated confidences
 * @param outOfScope true when Teller does not know what the customer wants: the best intent is
 *     {@code out_of_scope}, or its confidence is under the threshold. The bot must then say so and offer a
 *     person, never guess.
 * @param sentiment how the customer feels
 * @param complaint complaint signals
 * @param truncated true when the message was longer than Teller reads and only its start was used
 */
public record Understanding(
        Language language,
        List<IntentScore> intents,
        boolean outOfScope,
        Sentiment sentiment,
        ComplaintSignals complaint,
        boolean truncated) {

    /** The intent name the bot should act on: the top intent, or {@code out_of_scope}. */
    public String intent() {
        return outOfScope || intents.isEmpty()
                ? Intents.OUT_OF_SCOPE
                : intents.get(0).intent();
    }

    /** The confidence of the top intent (0 when there is none). */
    public double confidence() {
        return intents.isEmpty() ? 0 : intents.get(0).confidence();
    }
}
