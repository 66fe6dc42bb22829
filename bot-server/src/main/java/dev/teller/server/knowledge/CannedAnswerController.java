package dev.teller.server.knowledge;

import dev.teller.intents.Language;
import dev.teller.kb.Article;
import dev.teller.kb.KnowledgeBase;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Canned answers for agents, taken from the knowledge base: each published article's short answer, in the
 * conversation's language, so what an agent pastes is what the bot would say and changes when the article does.
 */
@RestController
class CannedAnswerController {

    /** One answer an agent can paste: the article's short answer, with where it comes from. */
    record CannedAnswer(String articleId, String title, String text) {}

    private final KnowledgeBase knowledgeBase;

    CannedAnswerController(KnowledgeBase knowledgeBase) {
        this.knowledgeBase = knowledgeBase;
    }

    /** With {@code q}, the best matches for it; without, every article of the language by title. */
    @GetMapping("/api/v1/staff/canned")
    List<CannedAnswer> canned(
            @RequestParam(defaultValue = "en") String language,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "20") int limit) {
        Language lang = switch (language) {
            case "en" -> Language.EN;
            case "zh" -> Language.ZH;
            default -> {
                ErrorResponseException e = new ErrorResponseException(HttpStatus.BAD_REQUEST);
                e.getBody().setTitle("Unknown language");
                e.getBody().setDetail("language must be en or zh.");
                throw e;
            }
        };
        int k = Math.max(1, Math.min(limit, 200));
        String query = q.strip();
        if (query.length() > KnowledgeBase.MAX_QUERY_CHARS) {
            query = query.substring(0, KnowledgeBase.MAX_QUERY_CHARS);
        }
        List<Article> articles = query.isEmpty()
                ? knowledgeBase.articles().stream()
                        .filter(a -> a.language() == lang)
                        .sorted(Comparator.comparing(Article::title))
                        .limit(k)
                        .toList()
                : knowledgeBase.search(query, lang, null, k).hits().stream()
                        .map(h -> h.article())
                        .filter(a -> a.language() == lang)
                        .toList();
        return articles.stream()
                .map(a -> new CannedAnswer(a.id(), a.title(), a.shortAnswer().replace("**", "")))
                .toList();
    }
}
