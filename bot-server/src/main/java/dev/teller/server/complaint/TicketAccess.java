package dev.teller.server.complaint;

import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Who may read and change a ticket, as a bank's complaint desk runs it (docs/protocol.md, "Who may read and change
 * a ticket"):
 *
 * <ul>
 *   <li>Supervisors and admins read every ticket. An agent reads the tickets of the queues they work and those they
 *       own. Risk work (the risk queue, and a fund-safety complaint wherever it sits) is read only by the risk team,
 *       supervisors and admins, and its owner: an owner outside risk took it before it moved there and keeps it
 *       (first-contact ownership, DOMAIN.md).
 *   <li>A ticket the caller may not read answers 404, as an unknown number does, so that its existence is not
 *       confirmed; whoever may read an unowned ticket works its queue and so may claim it.
 *   <li>Its owner, or a supervisor or an admin, changes it (reply, status, resolve, tier, transfer); anyone who may
 *       read it adds a note.
 *   <li>A fund-safety ticket is never set below major nor moved out of the risk queue, except by a supervisor or an
 *       admin who gives a reason.
 * </ul>
 *
 * Every refusal of an existing ticket (a read or a change, 400, 403 or 404) is audited in its trail as
 * {@code <field> refused}, with its value then and what was tried. Checks run after the ticket is locked, inside
 * the transaction that changes it; that transaction commits the refusal's audit row ({@code noRollbackFor} on
 * every method that may throw {@link Refused}) and nothing else, as nothing else was written before the check.
 */
@Component
class TicketAccess {

    static final String RISK = "risk";
    static final List<String> QUEUES = List.of("general", "senior", RISK);

    /** A refusal whose audit row stays: the methods that may throw it do not roll back for it. */
    static final class Refused extends ErrorResponseException {
        Refused(HttpStatus status, String title, String detail) {
            super(status);
            getBody().setTitle(title);
            getBody().setDetail(detail);
        }
    }

    private final TicketStore tickets;
    private final Clock clock;

    TicketAccess(TicketStore tickets, Clock clock) {
        this.tickets = tickets;
        this.clock = clock;
    }

    /** Risk-team work: the risk queue's tickets, and fund-safety ones wherever they are. */
    static boolean risky(Ticket t) {
        return t.fundSafety() || RISK.equals(t.queue());
    }

    static boolean reads(Ticket t, Actor a) {
        return a.oversees()
                || a.username().equals(t.owner())
                || (a.queues().contains(t.queue()) && (!risky(t) || a.queues().contains(RISK)));
    }

    /**
     * The ticket, locked when {@code lock}, if {@code by} may read it. Otherwise 404 as for an unknown number, and
     * the attempt ({@code field}, what was tried) goes in the ticket's trail.
     */
    Ticket open(String number, Actor by, boolean lock, String field, String tried) {
        Ticket t = tickets.byNumber(number, lock).orElseThrow(() -> ComplaintManagement.notFound(number));
        if (!reads(t, by)) {
            throw refuse(t, by, field, tried, ComplaintManagement.notFound(number));
        }
        return t;
    }

    /**
     * Changes are for the owner, or a supervisor or an admin (audited with their name). An agent facing an unowned
     * ticket is told to take it first (409: nothing is refused them, it is not theirs yet).
     */
    void requireOwner(Ticket t, Actor by, String field, String tried) {
        if (by.username().equals(t.owner()) || by.oversees()) {
            return;
        }
        if (t.owner() == null) {
            throw ComplaintManagement.problem(
                    HttpStatus.CONFLICT,
                    "Nobody owns this ticket",
                    "Take " + t.number() + " first (POST …/claim); until someone does, only a supervisor changes it.");
        }
        throw refuse(
                t,
                by,
                field,
                tried,
                HttpStatus.FORBIDDEN,
                "Not your ticket",
                t.number() + " is owned by " + t.owner()
                        + ", who took it first and keeps it to the end: only they or a supervisor may change it. "
                        + "Add a note for them instead.");
    }

    /**
     * The owner's tier change, unless it would set a fund-safety ticket below major: that is a supervisor's. The
     * fund-safety rule is checked first, so that every attempt to weaken one is audited, owned or not.
     */
    void requireTier(Ticket t, Actor by, Tier to) {
        if (t.fundSafety() && to != Tier.MAJOR && !by.oversees()) {
            throw refuse(
                    t,
                    by,
                    "tier",
                    to.code(),
                    HttpStatus.FORBIDDEN,
                    "Fund-safety tickets stay major",
                    t.number() + " is a fund-safety complaint: only a supervisor or an admin may set it below major, "
                            + "with a reason.");
        }
        requireOwner(t, by, "tier", to.code());
    }

    /** The owner's transfer, unless it takes a fund-safety ticket out of risk: a supervisor's, with a reason. */
    void requireTransfer(Ticket t, Actor by, String to, String reason) {
        if (t.fundSafety() && RISK.equals(t.queue()) && !RISK.equals(to)) {
            if (!by.oversees()) {
                throw refuse(
                        t,
                        by,
                        "queue",
                        to,
                        HttpStatus.FORBIDDEN,
                        "Fund-safety tickets stay with the risk team",
                        t.number() + " is a fund-safety complaint: only a supervisor or an admin may move it out of "
                                + "the risk queue, with a reason.");
            }
            if (reason == null || reason.isBlank()) {
                throw refuse(
                        t,
                        by,
                        "queue",
                        to,
                        HttpStatus.BAD_REQUEST,
                        "Request not accepted",
                        "Say why " + t.number() + ", a fund-safety complaint, leaves the risk queue (\"reason\").");
            }
        }
        requireOwner(t, by, "queue", to);
    }

    /** An agent lists the queues they work (403 for another); supervisors and admins list any. */
    void requireQueue(String queue, Actor by) {
        if (queue != null && !QUEUES.contains(queue)) {
            throw ComplaintManagement.problem(
                    HttpStatus.BAD_REQUEST, "Request not accepted", "queue must be one of " + QUEUES + ".");
        }
        if (queue != null && !by.works(queue)) {
            throw ComplaintManagement.problem(
                    HttpStatus.FORBIDDEN,
                    "Not your queue",
                    "You work the " + String.join(", ", by.queues()) + " queue(s); the " + queue
                            + " queue's tickets are for its team and supervisors. Leave out queue= to list yours.");
        }
    }

    /** Every ticket (supervisors and admins), or those an agent reads: their queues' and their own. */
    List<Ticket> list(String queue, boolean all, Actor by, int limit) {
        return by.oversees()
                ? tickets.list(queue, all, null, false, null, limit)
                : tickets.list(queue, all, by.queues(), by.queues().contains(RISK), by.username(), limit);
    }

    private Refused refuse(
            Ticket t, Actor by, String field, String tried, HttpStatus status, String title, String detail) {
        return refuse(t, by, field, tried, new Refused(status, title, detail));
    }

    private Refused refuse(Ticket t, Actor by, String field, String tried, Refused refusal) {
        String was = switch (field) {
            case "tier" -> t.tier().code();
            case "queue" -> t.queue();
            case "owner" -> t.owner();
            case "status" -> t.status();
            default -> null;
        };
        tickets.audit(t.id(), clock.instant(), by.username(), field + " refused", was, tried);
        return refusal;
    }
}
