package dev.teller.server.conversation;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** What the agent gets to work from, stored with the escalation record ({@code escalation.details}). */
public sealed interface EscalationDetails {

    /** The customer's words, masked. */
    String what();

    /** {@code en} or {@code zh}. */
    String language();

    /**
     * A complaint taken down over the turns of its intake.
     *
     * @param what the customer's messages of it, one a line
     * @param when the words that say when it happened, or null
     * @param amount the sum at stake as "120 GBP", or null
     * @param asked the facts the bot asked for
     */
    @JsonPropertyOrder({"what", "when", "amount", "asked", "language"})
    record Complaint(String what, String when, String amount, List<String> asked, String language)
            implements EscalationDetails {}

    /** A request for a person: the message that asked. */
    @JsonPropertyOrder({"what", "language"})
    record Handoff(String what, String language) implements EscalationDetails {}
}
