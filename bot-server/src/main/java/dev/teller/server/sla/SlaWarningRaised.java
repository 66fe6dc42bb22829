package dev.teller.server.sla;

import java.time.Instant;
import java.util.UUID;

/**
 * A ticket has used {@code percent} of a target ({@code first_response} or {@code resolution}) without meeting
 * it. Raised once per ticket, target and share, inside the transaction that records it.
 */
public record SlaWarningRaised(UUID ticketId, String target, int percent, Instant dueAt, Instant firedAt) {}
