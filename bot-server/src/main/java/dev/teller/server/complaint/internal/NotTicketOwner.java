package dev.teller.server.complaint.internal;

import dev.teller.server.complaint.Ticket;

/** A change asked by an agent who reads the ticket but does not own it (first-contact ownership). */
public final class NotTicketOwner extends AuditedRefusal {
    public NotTicketOwner(Ticket t) {
        super(
                "Not your ticket",
                t.number() + " is owned by " + t.owner()
                        + ", who took it first and keeps it to the end: only they or a supervisor may change it. "
                        + "Add a note for them instead.");
    }
}
