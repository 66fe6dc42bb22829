package dev.teller.server.conversation;

import dev.teller.intents.Cue;
import dev.teller.intents.Money;
import dev.teller.server.conversation.internal.ComplaintIntake;
import java.util.List;

/**
 * What the customer said of a complaint, gathered over the turns of its intake: the material a severity
 * assessment reads. Every signal keeps the words that triggered it.
 *
 * @param texts the customer's (masked) messages of the complaint, oldest first
 * @param probability the highest complaint probability among them
 * @param category service, product, operation or policy (lower case), or null
 * @param when the words that say when it happened, or null
 * @param minSentiment the lowest sentiment among the messages, in [-1, 1]
 */
public record ComplaintFacts(
        String language,
        List<String> texts,
        double probability,
        String category,
        List<String> categoryTriggers,
        List<String> triggers,
        List<Cue> fundSafety,
        List<Cue> escalation,
        Money amount,
        String when,
        double minSentiment) {

    /** The facts of a complaint made in one message (for severity checks and tools). */
    public static ComplaintFacts of(dev.teller.intents.Understanding u, String text) {
        return ComplaintIntake.start(u, text).facts();
    }

    public ComplaintFacts {
        texts = List.copyOf(texts);
        categoryTriggers = List.copyOf(categoryTriggers);
        triggers = List.copyOf(triggers);
        fundSafety = List.copyOf(fundSafety);
        escalation = List.copyOf(escalation);
    }
}
