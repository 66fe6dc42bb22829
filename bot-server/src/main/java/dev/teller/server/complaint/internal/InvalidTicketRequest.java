package dev.teller.server.complaint.internal;

/** A request whose content cannot be accepted as it is (a missing text, an unknown status); the detail says why. */
public final class InvalidTicketRequest extends ComplaintException {
    public InvalidTicketRequest(String detail) {
        this("Request not accepted", detail);
    }

    public InvalidTicketRequest(String title, String detail) {
        super(title, detail);
    }
}
