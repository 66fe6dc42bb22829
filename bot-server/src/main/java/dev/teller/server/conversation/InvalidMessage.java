package dev.teller.server.conversation;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A customer message that cannot be accepted as it is; the detail says what to change. */
public final class InvalidMessage extends ErrorResponseException {
    public InvalidMessage(String detail) {
        super(HttpStatus.BAD_REQUEST);
        getBody().setTitle("Message not accepted");
        getBody().setDetail(detail);
    }
}
