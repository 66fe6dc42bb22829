package dev.teller.server.complaint.internal;

import dev.teller.server.complaint.Tier;
import java.util.ArrayList;
import java.util.List;

/** The bank's remediation guide (DOMAIN.md), as it applies to one ticket: what the agent may offer. */
public final class RemediationGuide {

    private RemediationGuide() {}

    public static List<String> forTicket(Tier tier, String category, boolean fundSafety) {
        List<String> out = new ArrayList<>();
        if (fundSafety || category.equals("operation")) {
            out.add("If the customer lost money through the bank's error, compensate 120% of the amount lost.");
        }
        if (category.equals("service") && tier == Tier.ORDINARY) {
            out.add("For an ordinary service lapse, offer 500 to 2,000 reward points.");
        }
        if (tier == Tier.MAJOR) {
            out.add("A major complaint gets a personal apology from branch management.");
        }
        out.add("Respond with a senior person where the customer is upset; listen and apologise; find out who is "
                + "responsible; propose a concrete remedy with a committed deadline; keep the customer informed and "
                + "follow up after closing.");
        return out;
    }
}
