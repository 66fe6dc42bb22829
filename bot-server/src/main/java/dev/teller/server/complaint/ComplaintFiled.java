package dev.teller.server.complaint;

import java.util.UUID;

/** A complaint became a ticket. Published inside the transaction that filed it. */
public record ComplaintFiled(
        UUID ticketId, String number, UUID conversationId, Tier tier, boolean fundSafety, String queue) {}
