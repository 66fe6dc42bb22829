package dev.teller.server.complaint.internal;

import static dev.teller.server.complaint.TicketStatus.ASSIGNED;
import static dev.teller.server.complaint.TicketStatus.CLOSED;
import static dev.teller.server.complaint.TicketStatus.IN_PROGRESS;
import static dev.teller.server.complaint.TicketStatus.NEW;
import static dev.teller.server.complaint.TicketStatus.RESOLVED;
import static dev.teller.server.complaint.TicketStatus.WAITING_ON_CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.teller.server.complaint.Queue;
import dev.teller.server.complaint.Ticket;
import dev.teller.server.complaint.TicketStatus;
import dev.teller.server.complaint.Tier;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The ticket workflow, every move from every status, allowed or refused; no Spring, no database. */
class TicketWorkflowTest {

    /** The workflow as docs/protocol.md draws it: from each status, where staff may take a ticket. */
    static final Map<TicketStatus, Set<TicketStatus>> ALLOWED = Map.of(
            NEW, EnumSet.of(ASSIGNED),
            ASSIGNED, EnumSet.of(IN_PROGRESS, WAITING_ON_CUSTOMER, RESOLVED),
            IN_PROGRESS, EnumSet.of(WAITING_ON_CUSTOMER, RESOLVED),
            WAITING_ON_CUSTOMER, EnumSet.of(IN_PROGRESS, RESOLVED),
            RESOLVED, EnumSet.of(CLOSED, IN_PROGRESS),
            CLOSED, EnumSet.of(IN_PROGRESS));

    static Ticket ticket(TicketStatus status, String owner) {
        return Ticket.filed()
                .id(UUID.randomUUID())
                .number("C-2026-000042")
                .conversationId(UUID.randomUUID())
                .channel("rest")
                .category("service")
                .tier(Tier.ORDINARY)
                .queue(Queue.GENERAL)
                .owner(owner)
                .status(status)
                .createdAt(Instant.EPOCH)
                .build();
    }

    @Test
    void eachStatusLeadsWhereTheDeskAllows() {
        for (TicketStatus from : TicketStatus.values()) {
            assertThat(from.next()).as(from.code()).isEqualTo(ALLOWED.get(from));
            for (TicketStatus to : TicketStatus.values()) {
                assertThat(from.mayMoveTo(to))
                        .as(from + " → " + to)
                        .isEqualTo(ALLOWED.get(from).contains(to));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TicketStatus.class)
    void staffMoveATicketOnlyWhereItsStatusLeadsAndNeverToResolvedByName(TicketStatus from) {
        Ticket t = ticket(from, "agent");
        for (TicketStatus to : TicketStatus.values()) {
            if (to == RESOLVED) {
                assertThatThrownBy(() -> TicketWorkflow.move(t, to))
                        .as(from + " → resolved by name")
                        .isInstanceOf(InvalidTicketRequest.class)
                        .hasMessageContaining("with its remediation");
            } else if (ALLOWED.get(from).contains(to)) {
                TicketWorkflow.Move move = TicketWorkflow.move(t, to);
                assertThat(move.from()).isEqualTo(from);
                assertThat(move.to()).isEqualTo(to);
            } else {
                assertThatThrownBy(() -> TicketWorkflow.move(t, to))
                        .as(from + " → " + to)
                        .isInstanceOf(TransitionRefused.class)
                        .hasMessage("C-2026-000042 is " + from.code() + "; from there it can go to "
                                + from.next().stream().map(TicketStatus::code).toList() + ".");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TicketStatus.class)
    void aTicketIsResolvedFromWhereverItsStatusLeadsThere(TicketStatus from) {
        Ticket t = ticket(from, "agent");
        if (ALLOWED.get(from).contains(RESOLVED)) {
            TicketWorkflow.Move move = TicketWorkflow.resolve(t);
            assertThat(move.to()).isEqualTo(RESOLVED);
            assertThat(move.resumesClock()).isEqualTo(from == WAITING_ON_CUSTOMER);
            assertThat(move.pausesClock()).isFalse();
            assertThat(move.clearsResolution()).isFalse();
        } else {
            assertThatThrownBy(() -> TicketWorkflow.resolve(t))
                    .isInstanceOf(TransitionRefused.class)
                    .hasMessage("C-2026-000042 is " + from.code() + " and cannot be resolved from there.");
        }
    }

    @Test
    void waitingOnTheCustomerStopsTheClockAndLeavingTheWaitStartsIt() {
        assertThat(TicketWorkflow.move(ticket(IN_PROGRESS, "a"), WAITING_ON_CUSTOMER)
                        .pausesClock())
                .isTrue();
        assertThat(TicketWorkflow.move(ticket(ASSIGNED, "a"), WAITING_ON_CUSTOMER)
                        .pausesClock())
                .isTrue();
        TicketWorkflow.Move back = TicketWorkflow.move(ticket(WAITING_ON_CUSTOMER, "a"), IN_PROGRESS);
        assertThat(back.resumesClock()).isTrue();
        assertThat(back.pausesClock()).isFalse();
        TicketWorkflow.Move on = TicketWorkflow.move(ticket(ASSIGNED, "a"), IN_PROGRESS);
        assertThat(on.pausesClock() || on.resumesClock()).isFalse();
    }

    @Test
    void movingOutOfResolvedOrClosedClearsTheResolutionTime() {
        assertThat(TicketWorkflow.move(ticket(RESOLVED, "a"), IN_PROGRESS).clearsResolution())
                .isTrue();
        assertThat(TicketWorkflow.move(ticket(CLOSED, "a"), IN_PROGRESS).clearsResolution())
                .isTrue();
        assertThat(TicketWorkflow.move(ticket(RESOLVED, "a"), CLOSED).clearsResolution())
                .as("as the desk has always done on closing")
                .isTrue();
        assertThat(TicketWorkflow.move(ticket(IN_PROGRESS, "a"), WAITING_ON_CUSTOMER)
                        .clearsResolution())
                .isFalse();
    }

    @Test
    void aCustomerWhoAnswersPutsAWaitingTicketBackInProgress() {
        TicketWorkflow.Move move = TicketWorkflow.customerAnswered(ticket(WAITING_ON_CUSTOMER, "a"));
        assertThat(move.to()).isEqualTo(IN_PROGRESS);
        assertThat(move.resumesClock()).isTrue();
        assertThatThrownBy(() -> TicketWorkflow.customerAnswered(ticket(IN_PROGRESS, "a")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theFirstToTakeATicketOwnsItAndANewOneIsAssigned() {
        TicketWorkflow.Take first = TicketWorkflow.take(ticket(NEW, null), "agent");
        assertThat(first.becomesOwner()).isTrue();
        assertThat(first.move()).isEqualTo(new TicketWorkflow.Move(NEW, ASSIGNED));

        TicketWorkflow.Take again = TicketWorkflow.take(ticket(ASSIGNED, "agent"), "agent");
        assertThat(again.becomesOwner())
                .as("taking one's own ticket changes nothing")
                .isFalse();
        assertThat(again.move()).isNull();

        TicketWorkflow.Take unownedLater = TicketWorkflow.take(ticket(IN_PROGRESS, null), "agent2");
        assertThat(unownedLater.becomesOwner()).isTrue();
        assertThat(unownedLater.move()).as("only a new ticket moves when taken").isNull();

        assertThatThrownBy(() -> TicketWorkflow.take(ticket(ASSIGNED, "agent"), "agent2"))
                .isInstanceOf(AlreadyOwned.class)
                .hasMessageContaining("is owned by agent");
    }

    @Test
    void statusesAndQueuesReadAndWriteTheirCodes() {
        for (TicketStatus s : TicketStatus.values()) {
            assertThat(TicketStatus.of(s.code())).isEqualTo(s);
        }
        assertThat(TicketStatus.CODES)
                .containsExactly("new", "assigned", "in_progress", "waiting_on_customer", "resolved", "closed");
        assertThat(TicketStatus.parse("reopened")).isEmpty();
        assertThat(TicketStatus.parse(null)).isEmpty();
        assertThat(EnumSet.allOf(TicketStatus.class).stream().filter(TicketStatus::open))
                .containsExactly(NEW, ASSIGNED, IN_PROGRESS, WAITING_ON_CUSTOMER);
        assertThat(Queue.CODES).containsExactly("general", "senior", "risk");
        assertThat(Queue.parse("vip")).isEmpty();
        assertThat(Queue.GENERAL.orMoreSpecialised(Queue.RISK)).isEqualTo(Queue.RISK);
        assertThat(Queue.RISK.orMoreSpecialised(Queue.SENIOR)).isEqualTo(Queue.RISK);
    }
}
