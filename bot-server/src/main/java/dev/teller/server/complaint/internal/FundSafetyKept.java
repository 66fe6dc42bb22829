package dev.teller.server.complaint.internal;

import dev.teller.server.complaint.Ticket;

/** A fund-safety ticket set below major or moved out of the risk queue by someone who is not a supervisor. */
public final class FundSafetyKept extends AuditedRefusal {

    private FundSafetyKept(String title, String detail) {
        super(title, detail);
    }

    static FundSafetyKept major(Ticket t) {
        return new FundSafetyKept(
                "Fund-safety tickets stay major",
                t.number() + " is a fund-safety complaint: only a supervisor or an admin may set it below major, "
                        + "with a reason.");
    }

    static FundSafetyKept withRiskTeam(Ticket t) {
        return new FundSafetyKept(
                "Fund-safety tickets stay with the risk team",
                t.number() + " is a fund-safety complaint: only a supervisor or an admin may move it out of "
                        + "the risk queue, with a reason.");
    }
}
