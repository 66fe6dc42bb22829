package dev.teller.server.complaint.internal;

import dev.teller.server.complaint.Ticket;
import dev.teller.server.complaint.TicketStatus;
import java.util.stream.Collectors;

/**
 * The ticket workflow's rules: which status a ticket may move to from the one it has ({@link TicketStatus}), what
 * a move does to its clock and resolution, and who owns a ticket once someone takes it. Pure: it decides and
 * refuses; {@link TicketChanges} stores, audits and announces what it decided.
 */
public final class TicketWorkflow {

    private TicketWorkflow() {}

    /** A move from one status to another, with what it does beside setting the status. */
    record Move(TicketStatus from, TicketStatus to) {

        /** Waiting on the customer stops the ticket's clock. */
        boolean pausesClock() {
            return to == TicketStatus.WAITING_ON_CUSTOMER;
        }

        /** Leaving the wait for the customer starts the clock again. */
        boolean resumesClock() {
            return from == TicketStatus.WAITING_ON_CUSTOMER && to != TicketStatus.WAITING_ON_CUSTOMER;
        }

        /** Moving a resolved or closed ticket reopens it or closes it: its resolution time is cleared. */
        boolean clearsResolution() {
            return !from.open();
        }
    }

    /** Taking a ticket: whether the taker becomes its owner, and the move it makes (new to assigned), if any. */
    record Take(boolean becomesOwner, Move move) {}

    /**
     * Whether staff may set this status by name: a ticket is resolved only with its remediation, by
     * {@link #resolve}.
     */
    public static void requireSettable(TicketStatus to) {
        if (to == TicketStatus.RESOLVED) {
            throw new InvalidTicketRequest("Resolve a ticket with its remediation: POST …/resolve.");
        }
    }

    /** Staff move the ticket to {@code to}; refused when its status does not lead there. */
    static Move move(Ticket t, TicketStatus to) {
        requireSettable(to);
        if (!t.status().mayMoveTo(to)) {
            throw new TransitionRefused(t.number() + " is " + t.status().code() + "; from there it can go to "
                    + t.status().next().stream().map(TicketStatus::code).collect(Collectors.joining(", ", "[", "]"))
                    + ".");
        }
        return new Move(t.status(), to);
    }

    /** Staff resolve the ticket (with a remediation); refused when its status does not lead to resolved. */
    static Move resolve(Ticket t) {
        if (!t.status().mayMoveTo(TicketStatus.RESOLVED)) {
            throw new TransitionRefused(
                    t.number() + " is " + t.status().code() + " and cannot be resolved from there.");
        }
        return new Move(t.status(), TicketStatus.RESOLVED);
    }

    /** The customer answers a ticket that waited on them: work goes on, and so does its clock. */
    static Move customerAnswered(Ticket t) {
        if (t.status() != TicketStatus.WAITING_ON_CUSTOMER) {
            throw new IllegalStateException(t.number() + " does not wait on the customer");
        }
        return new Move(t.status(), TicketStatus.IN_PROGRESS);
    }

    /**
     * {@code agent} takes the ticket (by claiming, replying first, or being routed it): the first to do so owns it
     * to the end, and a new ticket is assigned. Refused when someone else owns it already.
     */
    static Take take(Ticket t, String agent) {
        if (t.owner() != null && !t.owner().equals(agent)) {
            throw new AlreadyOwned(t);
        }
        return new Take(
                t.owner() == null,
                t.status() == TicketStatus.NEW ? new Move(TicketStatus.NEW, TicketStatus.ASSIGNED) : null);
    }
}
