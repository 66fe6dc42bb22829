package dev.teller.server.complaint;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A complaint ticket as staff see it.
 *
 * @param number what the customer quotes, such as C-2026-000123
 * @param queue the team that holds it: general, senior or risk
 * @param owner the agent who took it first and keeps it to the end, or null while nobody has
 * @param status new, assigned, in_progress, waiting_on_customer, resolved or closed
 * @param reasons why it has its category, tier and queue, with the words that triggered each reason
 */
public record Ticket(
        UUID id,
        String number,
        UUID conversationId,
        String customerName,
        String contact,
        String channel,
        String category,
        Tier tier,
        boolean fundSafety,
        String queue,
        String owner,
        String status,
        List<String> reasons,
        String remediation,
        Instant createdAt,
        Instant firstRespondedAt,
        Instant resolvedAt,
        Instant firstResponseDueAt,
        Instant resolutionDueAt,
        boolean firstResponseBreached,
        boolean resolutionBreached) {

    public Ticket {
        reasons = List.copyOf(reasons);
    }
}
