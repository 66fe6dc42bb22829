package dev.teller.server.conversation;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the conversation asks of the complaints feature, which implements it: the state of the complaints made
 * in a conversation, for a customer who asks where theirs stands. Declared here so that conversations do not
 * depend on complaints.
 */
public interface ComplaintDesk {

    /**
     * The reply to "where is my complaint?".
     *
     * @param ticket the {@code meta.ticket} of the reply
     */
    record Status(String text, Map<String, Object> ticket) {}

    /** The latest complaint of this conversation, told in English or Chinese; empty when it has none. */
    Optional<Status> status(UUID conversationId, boolean english);
}
