package dev.teller.server.conversation;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Rewords an article answer for the customer (a language model, when one is configured). Declared here so that
 * conversations do not depend on it; with none, or when it returns empty, the article's own text is sent.
 */
public interface AnswerPhrasing {

    /** One retrieved article, as the phrasing may quote it. */
    record Passage(String articleId, String title, String text) {}

    /** The reply to send and the ids of the passages it rests on (a subset of those given, at least one). */
    record Phrased(String text, List<String> citations) {}

    /**
     * @param question the customer's message, masked
     * @param passages the top retrieved articles, best first
     * @return empty to send the retrieval answer instead (off, failed, refused by the guardrails, over budget)
     */
    Optional<Phrased> phrase(UUID conversationId, String question, boolean english, List<Passage> passages);
}
