package dev.teller.kb;

import dev.teller.intents.Language;
import java.util.List;

/**
 * What a search found.
 *
 * @param query the text that was searched: control characters removed, card numbers masked, at most
 *     {@link KnowledgeBase#MAX_QUERY_CHARS} characters; safe to log
 * @param hits best first; may be empty
 * @param answerability how sure the knowledge base is that the first hit answers the query, in [0, 1]
 * @param answerable whether answerability reaches the threshold: below it the bot must not answer from an
 *     article (it says it does not know and offers a person)
 * @param language the language the query was searched in
 */
public record SearchResult(String query, List<Hit> hits, double answerability, boolean answerable, Language language) {
    public SearchResult {
        hits = List.copyOf(hits);
    }

    public static SearchResult empty(String query, Language language) {
        return new SearchResult(query, List.of(), 0, false, language);
    }

    /** The best hit when the result is answerable. */
    public java.util.Optional<Hit> answer() {
        return answerable && !hits.isEmpty() ? java.util.Optional.of(hits.get(0)) : java.util.Optional.empty();
    }
}
