package dev.teller.server.complaint.internal;

import dev.teller.server.complaint.Ticket;

/** A supervisor takes a fund-safety ticket out of the risk queue without saying why. */
public final class ReasonRequired extends AuditedRefusal {
    public ReasonRequired(Ticket t) {
        super(
                "Request not accepted",
                "Say why " + t.number() + ", a fund-safety complaint, leaves the risk queue (\"reason\").");
    }
}
