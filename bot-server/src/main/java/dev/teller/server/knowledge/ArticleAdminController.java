package dev.teller.server.knowledge;

import dev.teller.kb.Article;
import dev.teller.kb.KnowledgeBase;
import dev.teller.server.knowledge.internal.ArticleAdmin;
import java.net.URI;
import java.security.Principal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The admin API for articles (docs/protocol.md): every call names its administrator by token, and is audited. */
@RestController
@RequestMapping("/api/v1/admin/articles")
class ArticleAdminController {

    record Summary(String id, String language, String title, String owner, LocalDate review) {}

    record Listing(List<Summary> articles, List<String> problems) {}

    private final ArticleAdmin admin;
    private final KnowledgeBase knowledgeBase;

    ArticleAdminController(ArticleAdmin admin, KnowledgeBase knowledgeBase) {
        this.admin = admin;
        this.knowledgeBase = knowledgeBase;
    }

    @GetMapping
    Listing list(Principal principal) {
        List<Summary> all = knowledgeBase.articles().stream()
                .sorted(Comparator.comparing(Article::id))
                .map(a -> new Summary(a.id(), a.language().code(), a.title(), a.owner(), a.review()))
                .toList();
        return new Listing(
                all, knowledgeBase.problems().stream().map(Object::toString).toList());
    }

    @GetMapping("/{id}")
    ArticleAdmin.Draft get(@PathVariable String id, Principal principal) {
        return knowledgeBase
                .article(id)
                .map(ArticleAdmin.Draft::of)
                .orElseThrow(() -> ArticleAdmin.problem(
                        org.springframework.http.HttpStatus.NOT_FOUND,
                        "Article not found",
                        "No published article has the id '" + id + "'."));
    }

    @PostMapping
    ResponseEntity<ArticleAdmin.Draft> create(
            Principal principal, @RequestBody(required = false) ArticleAdmin.Draft draft) {
        String who = principal.getName();
        Article a = admin.create(draft, who);
        return ResponseEntity.created(URI.create("/api/v1/admin/articles/" + a.id()))
                .body(ArticleAdmin.Draft.of(a));
    }

    @PutMapping("/{id}")
    ArticleAdmin.Draft update(
            @PathVariable String id, Principal principal, @RequestBody(required = false) ArticleAdmin.Draft draft) {
        String who = principal.getName();
        return ArticleAdmin.Draft.of(admin.update(id, draft, who));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> retire(@PathVariable String id, Principal principal) {
        String who = principal.getName();
        admin.retire(id, who);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/history")
    List<ArticleAdmin.Change> history(@PathVariable String id, Principal principal) {
        return admin.history(id);
    }
}
