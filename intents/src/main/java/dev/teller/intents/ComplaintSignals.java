package dev.teller.intents;

import java.util.List;

/**
 * What one message says about a possible complaint. Every signal carries the words that triggered it, so
 * that a severity decision built on it can be explained.
 *
 * @param probability the probability that the message is a complaint, in [0, 1]
 * @param triggers complaint phrases found in the message (from Teller's lexicon; may be empty even when the
 *     probability is high, because the classifier reads more than the lexicon)
 * @param category the most likely category if it is a complaint
 * @param categoryTriggers the words (or {@code intent:<name>}) that decided the category
 * @param fundSafety cues that the customer's money is at risk: fraud, stolen_card, unauthorised_charge,
 *     duplicate_charge, money_missing
 * @param amount a sum of money mentioned, or null
 * @param escalation cues that the customer may escalate: regulator, lawyer, press, social_media,
 *     close_account
 */
public record ComplaintSignals(
        double probability,
        List<String> triggers,
        Category category,
        List<String> categoryTriggers,
        List<Cue> fundSafety,
        Money amount,
        List<Cue> escalation) {

    /** Complaint categories by content (see the bank's rules in DOMAIN.md). */
    public enum Category {
        /** Staff, waiting, attitude, communication. */
        SERVICE,
        /** Cards, accounts, loans, investments, the app's features. */
        PRODUCT,
        /** Processing: errors, delays, outages, wrong amounts. */
        OPERATION,
        /** Rules: fees, limits, terms. */
        POLICY
    }

    /** True when a fund-safety cue was found: such complaints skip the queue and go to the risk team. */
    public boolean fundSafetyRisk() {
        return !fundSafety.isEmpty();
    }
}
