package dev.teller.server.conversation;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A conversation sent more messages in a second than it may; nothing of the refused message is stored. */
public final class TooManyMessages extends ErrorResponseException {
    public TooManyMessages(int perSecond) {
        super(HttpStatus.TOO_MANY_REQUESTS);
        getBody().setTitle("Too many messages");
        getBody()
                .setDetail(
                        "At most " + perSecond + " messages a second per conversation: wait a moment and send again.");
        getHeaders().set("Retry-After", "1");
    }
}
