package dev.teller.server.complaint;

/** A status the ticket cannot move to from the one it has ({@link TicketStatus#next()}). */
public final class TransitionRefused extends ComplaintException {
    TransitionRefused(String detail) {
        super("Not allowed now", detail);
    }
}
