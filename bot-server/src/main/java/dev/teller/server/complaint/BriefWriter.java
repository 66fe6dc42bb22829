package dev.teller.server.complaint;

import java.util.List;
import java.util.Optional;

/**
 * Writes a complaint's handoff brief with a language model. Declared here so that complaints do not depend on
 * the model; with none, or when it returns empty, the brief written by rules is shown.
 */
public interface BriefWriter {

    /**
     * @param said the customer's messages, masked, oldest first
     * @param fromRules the brief the rules wrote, for facts the model may use
     * @return empty to show {@code fromRules}
     */
    Optional<HandoffBrief> write(Ticket ticket, String language, List<String> said, HandoffBrief fromRules);
}
