package dev.teller.server.followup;

import java.util.UUID;

/** An NPS question went out for a resolved complaint ({@code day} 3, 7 or 30). */
public record FollowUpDue(UUID ticketId, UUID conversationId, int day) {}
