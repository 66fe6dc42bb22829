package dev.teller.server.knowledge;

import dev.teller.kb.Article;
import dev.teller.kb.KnowledgeBase;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Reads a published article: the link a bot answer carries. */
@RestController
class ArticleController {

    record ArticleView(String id, String language, String title, String body, List<String> intents) {}

    private final KnowledgeBase knowledgeBase;

    ArticleController(KnowledgeBase knowledgeBase) {
        this.knowledgeBase = knowledgeBase;
    }

    @GetMapping("/api/v1/articles/{id}")
    ArticleView article(@PathVariable String id) {
        Article a = knowledgeBase.article(id).orElseThrow(() -> {
            ErrorResponseException e = new ErrorResponseException(HttpStatus.NOT_FOUND);
            e.getBody().setTitle("Article not found");
            e.getBody().setDetail("No published article has the id '" + id + "'.");
            return e;
        });
        return new ArticleView(a.id(), a.language().code(), a.title(), a.body(), a.intents());
    }
}
