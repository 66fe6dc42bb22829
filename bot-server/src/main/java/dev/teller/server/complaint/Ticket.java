package dev.teller.server.complaint;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A complaint ticket as staff see it: its JSON is what the staff API returns. Built by name with {@link #builder()}
 * (a stored row, a filed complaint) rather than by position.
 *
 * @param number what the customer quotes, such as C-2026-000123
 * @param queue the team that holds it
 * @param owner the agent who took it first and keeps it to the end, or null while nobody has
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
        Queue queue,
        String owner,
        TicketStatus status,
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
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(status, "status");
        reasons = List.copyOf(reasons);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A new ticket: no owner, no remediation, no response yet, no deadline set, nothing breached. */
    public static Builder filed() {
        return builder().status(TicketStatus.NEW);
    }

    /** Builds a ticket by naming its parts; what is not named is null, false or empty. */
    public static final class Builder {
        private UUID id;
        private String number;
        private UUID conversationId;
        private String customerName;
        private String contact;
        private String channel;
        private String category;
        private Tier tier;
        private boolean fundSafety;
        private Queue queue;
        private String owner;
        private TicketStatus status;
        private List<String> reasons = List.of();
        private String remediation;
        private Instant createdAt;
        private Instant firstRespondedAt;
        private Instant resolvedAt;
        private Instant firstResponseDueAt;
        private Instant resolutionDueAt;
        private boolean firstResponseBreached;
        private boolean resolutionBreached;

        private Builder() {}

        public Builder id(UUID id) {
            this.id = id;
            return this;
        }

        public Builder number(String number) {
            this.number = number;
            return this;
        }

        public Builder conversationId(UUID conversationId) {
            this.conversationId = conversationId;
            return this;
        }

        public Builder customerName(String customerName) {
            this.customerName = customerName;
            return this;
        }

        public Builder contact(String contact) {
            this.contact = contact;
            return this;
        }

        public Builder channel(String channel) {
            this.channel = channel;
            return this;
        }

        public Builder category(String category) {
            this.category = category;
            return this;
        }

        public Builder tier(Tier tier) {
            this.tier = tier;
            return this;
        }

        public Builder fundSafety(boolean fundSafety) {
            this.fundSafety = fundSafety;
            return this;
        }

        public Builder queue(Queue queue) {
            this.queue = queue;
            return this;
        }

        public Builder owner(String owner) {
            this.owner = owner;
            return this;
        }

        public Builder status(TicketStatus status) {
            this.status = status;
            return this;
        }

        public Builder reasons(List<String> reasons) {
            this.reasons = reasons;
            return this;
        }

        public Builder remediation(String remediation) {
            this.remediation = remediation;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder firstRespondedAt(Instant firstRespondedAt) {
            this.firstRespondedAt = firstRespondedAt;
            return this;
        }

        public Builder resolvedAt(Instant resolvedAt) {
            this.resolvedAt = resolvedAt;
            return this;
        }

        public Builder firstResponseDueAt(Instant firstResponseDueAt) {
            this.firstResponseDueAt = firstResponseDueAt;
            return this;
        }

        public Builder resolutionDueAt(Instant resolutionDueAt) {
            this.resolutionDueAt = resolutionDueAt;
            return this;
        }

        public Builder firstResponseBreached(boolean firstResponseBreached) {
            this.firstResponseBreached = firstResponseBreached;
            return this;
        }

        public Builder resolutionBreached(boolean resolutionBreached) {
            this.resolutionBreached = resolutionBreached;
            return this;
        }

        public Ticket build() {
            return new Ticket(
                    id,
                    number,
                    conversationId,
                    customerName,
                    contact,
                    channel,
                    category,
                    tier,
                    fundSafety,
                    queue,
                    owner,
                    status,
                    reasons,
                    remediation,
                    createdAt,
                    firstRespondedAt,
                    resolvedAt,
                    firstResponseDueAt,
                    resolutionDueAt,
                    firstResponseBreached,
                    resolutionBreached);
        }
    }
}
