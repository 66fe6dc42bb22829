package dev.teller.server.complaint.internal;

import dev.teller.server.complaint.Ticket;

/** Someone takes (or routing assigns) a ticket that another agent owns already: the first owner keeps it. */
public final class AlreadyOwned extends ComplaintException {
    public AlreadyOwned(Ticket t) {
        super(
                "Ticket already owned",
                t.number() + " is owned by " + t.owner()
                        + ", who took it first and keeps it to the end; ask them, or transfer the work to another team.");
    }
}
