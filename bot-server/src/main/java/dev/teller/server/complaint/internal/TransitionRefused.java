package dev.teller.server.complaint.internal;

import dev.teller.server.complaint.TicketStatus;

/** A status the ticket cannot move to from the one it has ({@link TicketStatus#next()}). */
public final class TransitionRefused extends ComplaintException {
    public TransitionRefused(String detail) {
        super("Not allowed now", detail);
    }
}
