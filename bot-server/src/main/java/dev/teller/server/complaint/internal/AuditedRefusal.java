package dev.teller.server.complaint.internal;

/**
 * A refusal on an existing ticket whose attempt is written in the ticket's trail ({@link TicketAccess}): the
 * transactions that may throw one do not roll back for it, so that the audit row stays.
 */
public abstract sealed class AuditedRefusal extends ComplaintException
        permits TicketNotFound, NotTicketOwner, FundSafetyKept, ReasonRequired {

    public AuditedRefusal(String title, String detail) {
        super(title, detail);
    }
}
