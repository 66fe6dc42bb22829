package dev.teller.server.conversation;

import java.time.Instant;
import java.util.UUID;

/** A customer message was stored (masked). Published inside the transaction that stored it. */
public record CustomerMessaged(UUID conversationId, long seq, String text, Instant at) {}
