package dev.teller.server.complaint;

import java.util.UUID;

/**
 * Something about a ticket changed (assigned, status, tier, queue, breach, remediation): what the audit trail
 * records, for whoever watches tickets live. Published inside the transaction that changed it.
 */
public record TicketChanged(
        UUID ticketId, String number, String field, String oldValue, String newValue, String actor) {

    /** Whether the change is the ticket's resolution. */
    public boolean resolution() {
        return field.equals("status") && "resolved".equals(newValue);
    }
}
