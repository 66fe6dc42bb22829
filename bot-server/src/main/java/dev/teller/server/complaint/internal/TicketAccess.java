package dev.teller.server.complaint.internal;

import dev.teller.server.complaint.Actor;
import dev.teller.server.complaint.Queue;
import dev.teller.server.complaint.Ticket;
import dev.teller.server.complaint.Tier;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;

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
 * every method that may throw an {@link AuditedRefusal}) and nothing else, as nothing else was written before the
 * check.
 */
@Component
public class TicketAccess {

    private final TicketStore tickets;
    private final Clock clock;

    public TicketAccess(TicketStore tickets, Clock clock) {
        this.tickets = tickets;
        this.clock = clock;
    }

    /** Risk-team work: the risk queue's tickets, and fund-safety ones wherever they are. */
    static boolean risky(Ticket t) {
        return t.fundSafety() || t.queue() == Queue.RISK;
    }

    public static boolean reads(Ticket t, Actor a) {
        return a.oversees()
                || a.username().equals(t.owner())
                || (a.queues().contains(t.queue().code()) && (!risky(t) || a.inRiskTeam()));
    }

    /**
     * The ticket, locked when {@code lock}, if {@code by} may read it. Otherwise 404 as for an unknown number, and
     * the attempt ({@code field}, what was tried) goes in the ticket's trail.
     */
    public Ticket open(String number, Actor by, boolean lock, String field, String tried) {
        Ticket t = tickets.byNumber(number, lock).orElseThrow(() -> new TicketNotFound(number));
        if (!reads(t, by)) {
            throw refuse(t, by, field, tried, new TicketNotFound(number));
        }
        return t;
    }

    /**
     * Changes are for the owner, or a supervisor or an admin (audited with their name). An agent facing an unowned
     * ticket is told to take it first (409: nothing is refused them, it is not theirs yet).
     */
    public void requireOwner(Ticket t, Actor by, String field, String tried) {
        if (by.username().equals(t.owner()) || by.oversees()) {
            return;
        }
        if (t.owner() == null) {
            throw new NotYetOwned(t);
        }
        throw refuse(t, by, field, tried, new NotTicketOwner(t));
    }

    /**
     * The owner's tier change, unless it would set a fund-safety ticket below major: that is a supervisor's. The
     * fund-safety rule is checked first, so that every attempt to weaken one is audited, owned or not.
     */
    public void requireTier(Ticket t, Actor by, Tier to) {
        if (t.fundSafety() && to != Tier.MAJOR && !by.oversees()) {
            throw refuse(t, by, "tier", to.code(), FundSafetyKept.major(t));
        }
        requireOwner(t, by, "tier", to.code());
    }

    /** The owner's transfer, unless it takes a fund-safety ticket out of risk: a supervisor's, with a reason. */
    public void requireTransfer(Ticket t, Actor by, Queue to, String reason) {
        if (t.fundSafety() && t.queue() == Queue.RISK && to != Queue.RISK) {
            if (!by.oversees()) {
                throw refuse(t, by, "queue", to.code(), FundSafetyKept.withRiskTeam(t));
            }
            if (reason == null || reason.isBlank()) {
                throw refuse(t, by, "queue", to.code(), new ReasonRequired(t));
            }
        }
        requireOwner(t, by, "queue", to.code());
    }

    /** An agent lists the queues they work (403 for another); supervisors and admins list any. */
    public void requireQueue(Queue queue, Actor by) {
        if (queue != null && !by.works(queue)) {
            throw new NotYourQueue(by, queue);
        }
    }

    /** Every ticket (supervisors and admins), or those an agent reads: their queues' and their own. */
    public List<Ticket> list(Queue queue, boolean all, Actor by, int limit) {
        return by.oversees()
                ? tickets.list(queue, all, null, false, null, limit)
                : tickets.list(queue, all, by.queues(), by.inRiskTeam(), by.username(), limit);
    }

    /** Writes the refused attempt in the ticket's trail: its value then, and what was tried. */
    private AuditedRefusal refuse(Ticket t, Actor by, String field, String tried, AuditedRefusal refusal) {
        String was = switch (field) {
            case "tier" -> t.tier().code();
            case "queue" -> t.queue().code();
            case "owner" -> t.owner();
            case "status" -> t.status().code();
            default -> null;
        };
        tickets.audit(t.id(), clock.instant(), by.username(), field + " refused", was, tried);
        return refusal;
    }
}
