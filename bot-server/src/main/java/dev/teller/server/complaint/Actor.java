package dev.teller.server.complaint;

import dev.teller.server.complaint.internal.TicketAccess;
import dev.teller.server.security.Role;
import dev.teller.server.security.StaffAccounts;
import java.util.List;

/**
 * Who asks for a ticket: a member of staff with their role and the queues they work. What they may read and
 * change follows from these alone ({@link TicketAccess}), checked once the ticket is locked.
 *
 * @param queues the teams they work in: general, senior, risk
 */
public record Actor(String username, Role role, List<String> queues) {

    public Actor {
        queues = List.copyOf(queues);
    }

    public static Actor of(StaffAccounts.Staff staff) {
        return new Actor(staff.username(), staff.role(), staff.queues());
    }

    /** A supervisor or an admin: reads every ticket and may act on any, audited with their name. */
    public boolean oversees() {
        return role != Role.AGENT;
    }

    /** Works this queue (supervisors and admins work every queue). */
    public boolean works(Queue queue) {
        return oversees() || queues.contains(queue.code());
    }

    /** A member of the risk team, who reads fund-safety work wherever it sits. */
    public boolean inRiskTeam() {
        return queues.contains(Queue.RISK.code());
    }
}
