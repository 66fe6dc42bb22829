package dev.teller.server.complaint.internal;

/** No ticket with that number, or one the caller may not read: the same answer, so that neither is confirmed. */
public final class TicketNotFound extends AuditedRefusal {
    public TicketNotFound(String number) {
        super("Complaint not found", "No complaint numbered '" + number + "' is open to you.");
    }
}
