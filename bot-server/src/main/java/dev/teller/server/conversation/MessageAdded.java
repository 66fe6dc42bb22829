package dev.teller.server.conversation;

import java.util.UUID;

/**
 * A message from the bot, an agent or the system was added to a conversation outside the customer's own send
 * (an agent's reply, a ticket's promise, an NPS question): live channels push it to the customer.
 */
public record MessageAdded(UUID conversationId, long seq, String from) {}
