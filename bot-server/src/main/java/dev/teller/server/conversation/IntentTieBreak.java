package dev.teller.server.conversation;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Chooses between intents the classifier found too close to call (a language model, when one is configured).
 * Declared here so that conversations do not depend on it. It is never asked when the message carries a
 * fund-safety signal, and an answer outside the candidates is ignored.
 */
public interface IntentTieBreak {

    /**
     * @param text the customer's message, masked
     * @param candidates the close intents, most likely first
     * @return one of the candidates, or empty to keep the classifier's order
     */
    Optional<String> choose(UUID conversationId, String text, List<String> candidates, boolean english);
}
