package dev.teller.server.complaint;

import java.util.List;

/**
 * How serious a complaint is, and why.
 *
 * @param queue the team that takes it
 * @param reasons one line for every rule that fired, naming the words that triggered it
 * @param repeat the customer complained before, within the rules' window (it went up one tier for it)
 */
public record Severity(
        Tier tier, String category, boolean fundSafety, Queue queue, List<String> reasons, boolean repeat) {
    public Severity {
        reasons = List.copyOf(reasons);
    }
}
