package dev.teller.server.complaint;

import java.util.List;

/**
 * How serious a complaint is, and why.
 *
 * @param queue the team that takes it: {@code general}, {@code senior} or {@code risk}
 * @param reasons one line for every rule that fired, naming the words that triggered it
 */
public record Severity(Tier tier, String category, boolean fundSafety, String queue, List<String> reasons) {
    public Severity {
        reasons = List.copyOf(reasons);
    }
}
