package dev.teller.server.conversation;

import java.time.Instant;
import java.util.Map;

/**
 * One stored message of a conversation, as every channel shows it.
 *
 * @param seq its place in the conversation, from 1, without gaps
 * @param from customer, bot, agent or system
 * @param meta for a bot message: intent, confidence, sentiment, articleId, suggestions, handoff, …
 */
public record ChatMessage(long seq, String from, String text, Instant createdAt, Map<String, Object> meta) {}
