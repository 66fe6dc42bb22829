package dev.teller.server.conversation;

import java.util.Optional;
import java.util.UUID;

/**
 * A question the conversation asked on behalf of another feature (an NPS survey, say) and is waiting for the
 * customer to answer. Implemented by that feature; declared here so that conversations do not depend on it.
 */
public interface PendingQuestion {

    /**
     * Takes the customer's message as the answer when it is one, and returns the bot's reply to it; empty when
     * the message is not an answer to this feature's question (the dialogue then replies as usual).
     */
    Optional<String> answer(UUID conversationId, String text, boolean english);
}
