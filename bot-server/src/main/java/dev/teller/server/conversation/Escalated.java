package dev.teller.server.conversation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The bot brought in a person: for a complaint (the complaints feature files a ticket from it) or because the
 * customer asked. Published inside the transaction that stored it.
 *
 * @param kind {@code complaint} or {@code handoff}
 * @param messageSeq the bot message that told the customer
 * @param category the complaint's category (service, product, operation, policy), or null
 * @param reasons why, in words a person can check against the conversation
 * @param facts what the customer said of a complaint (null for a request for a person)
 */
public record Escalated(
        UUID escalationId,
        UUID conversationId,
        long messageSeq,
        String kind,
        String category,
        boolean fundSafety,
        List<String> reasons,
        ComplaintFacts facts,
        Instant at) {}
