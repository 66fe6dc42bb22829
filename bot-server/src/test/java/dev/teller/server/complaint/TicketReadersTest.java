package dev.teller.server.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teller.server.complaint.internal.TicketAccess;
import dev.teller.server.security.Role;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who reads a ticket ({@link TicketAccess#reads}), case by case; the HTTP side is TicketAccessTest's. */
class TicketReadersTest {

    static final Actor AGENT = new Actor("agent", Role.AGENT, List.of("general", "senior"));
    static final Actor RISK_AGENT = new Actor("agent2", Role.AGENT, List.of("general", "risk"));
    static final Actor SUPERVISOR = new Actor("supervisor", Role.SUPERVISOR, List.of());
    static final Actor ADMIN = new Actor("admin", Role.ADMIN, List.of());

    static Ticket ticket(String queue, boolean fundSafety, String owner) {
        return Ticket.filed()
                .id(UUID.randomUUID())
                .number("C-2026-000001")
                .conversationId(UUID.randomUUID())
                .channel("rest")
                .category("service")
                .tier(fundSafety ? Tier.MAJOR : Tier.ORDINARY)
                .fundSafety(fundSafety)
                .queue(Queue.of(queue))
                .owner(owner)
                .status(owner == null ? TicketStatus.NEW : TicketStatus.ASSIGNED)
                .createdAt(Instant.EPOCH)
                .build();
    }

    @Test
    void anAgentReadsTheQueuesTheyWorkAndWhatTheyOwn() {
        assertThat(TicketAccess.reads(ticket("general", false, null), AGENT)).isTrue();
        assertThat(TicketAccess.reads(ticket("senior", false, "agent2"), AGENT)).isTrue();
        assertThat(TicketAccess.reads(ticket("senior", false, null), RISK_AGENT))
                .isFalse();
        assertThat(TicketAccess.reads(ticket("senior", false, "agent2"), RISK_AGENT))
                .as("their own, wherever it went")
                .isTrue();
    }

    @Test
    void riskWorkIsTheRiskTeamsItsOwnersAndSupervisors() {
        for (Ticket t :
                List.of(ticket("risk", true, null), ticket("risk", false, null), ticket("general", true, null))) {
            assertThat(TicketAccess.reads(t, AGENT))
                    .as(t.queue() + " " + t.fundSafety())
                    .isFalse();
            assertThat(TicketAccess.reads(t, RISK_AGENT))
                    .as(t.queue() + " " + t.fundSafety())
                    .isTrue();
            assertThat(TicketAccess.reads(t, SUPERVISOR)).isTrue();
            assertThat(TicketAccess.reads(t, ADMIN)).isTrue();
        }
        assertThat(TicketAccess.reads(ticket("risk", true, "agent"), AGENT))
                .as("an owner who took it before it moved to risk keeps it")
                .isTrue();
        assertThat(TicketAccess.reads(ticket("senior", true, null), RISK_AGENT))
                .as("fund safety in a queue they do not work")
                .isFalse();
    }
}
