package dev.teller.server.complaint.internal;

import dev.teller.server.complaint.Ticket;

/** An agent changes a ticket nobody has taken yet: nothing is refused them, it is not theirs yet. */
public final class NotYetOwned extends ComplaintException {
    public NotYetOwned(Ticket t) {
        super(
                "Nobody owns this ticket",
                "Take " + t.number() + " first (POST …/claim); until someone does, only a supervisor changes it.");
    }
}
