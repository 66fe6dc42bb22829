package dev.teller.server.conversation;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** No conversation with that id, or a token that does not open it (the two are not told apart). */
public final class ConversationNotFound extends ErrorResponseException {
    public ConversationNotFound() {
        super(HttpStatus.NOT_FOUND);
        getBody().setTitle("Conversation not found");
        getBody()
                .setDetail("No conversation with this id opens with this token. Start a new one with "
                        + "POST /api/v1/conversations.");
    }
}
