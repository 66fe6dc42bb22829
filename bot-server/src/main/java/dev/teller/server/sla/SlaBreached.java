package dev.teller.server.sla;

import java.time.Instant;
import java.util.UUID;

/**
 * A ticket missed a target ({@code first_response} or {@code resolution}); a supervisor must act. Raised once
 * per ticket and target, inside the transaction that records it.
 */
public record SlaBreached(UUID ticketId, String target, Instant dueAt, Instant firedAt) {}
