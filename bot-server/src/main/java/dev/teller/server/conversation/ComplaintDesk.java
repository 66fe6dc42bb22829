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
    record Status(String text, Map<String, Object> ticket) {

        /** The complaint's number, such as {@code C-2026-000042}. */
        public String number() {
            return String.valueOf(ticket.get("number"));
        }

        /** Whether it is still being worked on (neither resolved nor closed). */
        public boolean open() {
            Object status = ticket.get("status");
            return !"resolved".equals(status) && !"closed".equals(status);
        }

        /** Whether it is about a danger to the customer's money. */
        public boolean fundSafety() {
            return Boolean.TRUE.equals(ticket.get("fundSafety"));
        }
    }

    /** The latest complaint of this conversation, told in English or Chinese; empty when it has none. */
    Optional<Status> status(UUID conversationId, boolean english);
}
