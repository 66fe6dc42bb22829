package dev.teller.intents;

import java.util.List;

/**
 * Understands customer messages. Implementations are thread-safe and never throw for any text: empty,
 * white space only, huge (only the first {@value dev.teller.intents.text.TextNormalizer#MAX_CLASSIFIED_CHARS}
 * characters are classified; see {@link Understanding#truncated()}), emoji only, mixed scripts or control
 * characters all give a valid {@link Understanding}. Only a null message is refused, with a
 * {@link NullPointerException} naming the parameter.
 */
public interface Understander {

    /** Understands one message on its own. */
    default Understanding understand(String message) {
        return understand(message, List.of());
    }

    /**
     * Understands one message in its conversation.
     *
     * @param previousTurns the customer's earlier messages, oldest first (may be empty). They decide the
     *     language of a message without letters, and give a short reply ("still nothing") the topic it
     *     continues.
     */
    Understanding understand(String message, List<String> previousTurns);
}
