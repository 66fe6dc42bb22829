package dev.teller.server.complaint;

/** Someone takes (or routing assigns) a ticket that another agent owns already: the first owner keeps it. */
public final class AlreadyOwned extends ComplaintException {
    AlreadyOwned(Ticket t) {
        super(
                "Ticket already owned",
                t.number() + " is owned by " + t.owner()
                        + ", who took it first and keeps it to the end; ask them, or transfer the work to another team.");
    }
}
