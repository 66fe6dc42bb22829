package dev.teller.server.complaint.internal;

/**
 * Why a request about a complaint is refused, in words for whoever asked: a title and a detail saying what to do.
 * Each kind is its own class; {@link ComplaintProblems} answers each with its HTTP status as problem details.
 */
public abstract sealed class ComplaintException extends RuntimeException
        permits AuditedRefusal,
                InvalidTicketRequest,
                TransitionRefused,
                AlreadyOwned,
                NotYetOwned,
                NotYourQueue,
                NoStaffAccount,
                MissingTicketToken {

    private final String title;

    public ComplaintException(String title, String detail) {
        super(detail);
        this.title = title;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }
}
