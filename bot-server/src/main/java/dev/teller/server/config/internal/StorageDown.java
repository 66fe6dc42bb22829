package dev.teller.server.config.internal;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * When the database cannot be reached, a request is refused with 503 and {@code Retry-After}: nothing it asked
 * for was stored, and the same request (with the same clientMessageId) may be sent again. The pool reconnects by
 * itself when the database is back; no restart is needed.
 */
@RestControllerAdvice
class StorageDown {

    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<ProblemDetail> unavailable(RuntimeException e) {
        if (e instanceof org.springframework.dao.DataIntegrityViolationException) {
            throw e; // a bad request or a bug, not an outage
        }
        ProblemDetail p = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Teller cannot reach its database just now, so nothing was stored. Send the same request again "
                        + "in a few seconds (with the same clientMessageId, a message is stored once).");
        p.setTitle("Briefly unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "2")
                .body(p);
    }
}
