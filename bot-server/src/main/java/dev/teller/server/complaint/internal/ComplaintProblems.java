package dev.teller.server.complaint.internal;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one place where a refusal about a complaint becomes an HTTP answer: problem details (RFC 9457) with the
 * refusal's title and detail, and the status of its kind.
 */
@RestControllerAdvice
public class ComplaintProblems {

    static HttpStatus status(ComplaintException e) {
        return switch (e) {
            case TicketNotFound x -> HttpStatus.NOT_FOUND;
            case NotTicketOwner x -> HttpStatus.FORBIDDEN;
            case FundSafetyKept x -> HttpStatus.FORBIDDEN;
            case NotYourQueue x -> HttpStatus.FORBIDDEN;
            case NoStaffAccount x -> HttpStatus.FORBIDDEN;
            case ReasonRequired x -> HttpStatus.BAD_REQUEST;
            case InvalidTicketRequest x -> HttpStatus.BAD_REQUEST;
            case TransitionRefused x -> HttpStatus.CONFLICT;
            case AlreadyOwned x -> HttpStatus.CONFLICT;
            case NotYetOwned x -> HttpStatus.CONFLICT;
            case MissingTicketToken x -> HttpStatus.UNAUTHORIZED;
        };
    }

    @ExceptionHandler(ComplaintException.class)
    ResponseEntity<ProblemDetail> refused(ComplaintException e) {
        HttpStatus status = status(e);
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, e.detail());
        p.setTitle(e.title());
        return ResponseEntity.status(status).body(p);
    }
}
