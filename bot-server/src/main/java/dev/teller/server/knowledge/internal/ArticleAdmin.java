package dev.teller.server.knowledge.internal;

import dev.teller.intents.Language;
import dev.teller.intents.text.CardNumbers;
import dev.teller.kb.Article;
import dev.teller.kb.KnowledgeBase;
import dev.teller.kb.article.ArticleParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * Creating, updating and retiring articles for administrators. Each change is written to the articles folder
 * (the same files a bank edits by hand), re-indexed before the call returns so the bot answers from it at once,
 * and recorded in an audit trail: who, what, when, the file before and after. A retired article's last text
 * stays in the trail.
 */
@Service
public class ArticleAdmin {

    private static final Logger log = LoggerFactory.getLogger(ArticleAdmin.class);

    /** Markdown only: markup that would run in a page or pull one in is refused. */
    private static final Pattern ACTIVE_CONTENT =
            Pattern.compile("(?i)<\\s*/?\\s*(script|iframe|object|embed|style|form|svg)\\b|javascript:|\\bon\\w+\\s*=");

    /** An article as an administrator writes it, and as the admin API shows it. */
    public record Draft(
            String id,
            String language,
            String title,
            List<String> intents,
            List<String> questions,
            List<String> tags,
            String owner,
            LocalDate review,
            String body) {
        /** An article as the admin API shows it: the draft that would write it again. */
        public static Draft of(Article a) {
            return new Draft(
                    a.id(),
                    a.language().code(),
                    a.title(),
                    a.intents(),
                    a.questions(),
                    a.tags(),
                    a.owner(),
                    a.review(),
                    a.body());
        }
    }

    /** One audited change. */
    public record Change(
            long id, String articleId, String action, String actor, Instant at, String before, String after) {}

    private final KnowledgeBase knowledgeBase;
    private final JdbcClient jdbc;
    private final Clock clock;

    public ArticleAdmin(KnowledgeBase knowledgeBase, JdbcClient jdbc, Clock clock) {
        this.knowledgeBase = knowledgeBase;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public synchronized Article create(Draft draft, String actor) {
        Article a = validate(draft, null);
        if (knowledgeBase.article(a.id()).isPresent()) {
            throw problem(
                    HttpStatus.CONFLICT,
                    "Article exists",
                    "An article with the id '" + a.id() + "' exists already: update it with PUT /api/v1/admin/articles/"
                            + a.id() + ".");
        }
        return write(a, defaultFile(a), null, "create", actor);
    }

    @Transactional
    public synchronized Article update(String id, Draft draft, String actor) {
        Article old = knowledgeBase.article(id).orElseThrow(() -> notFound(id));
        Article a = validate(draft, id);
        Path file = fileOf(old).orElse(defaultFile(a));
        return write(a, file, read(file), "update", actor);
    }

    @Transactional
    public synchronized void retire(String id, String actor) {
        Article old = knowledgeBase.article(id).orElseThrow(() -> notFound(id));
        Path file = fileOf(old).orElseThrow(() -> readOnly());
        String before = read(file);
        audit(id, "retire", actor, before, null);
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw problem(
                    HttpStatus.INTERNAL_SERVER_ERROR,
                    "Article not retired",
                    "Could not delete " + file + ": " + e.getMessage()
                            + ". Nothing was changed; check the folder's permissions and try again.");
        }
        knowledgeBase.refresh();
        log.info("article {} retired by {}", id, actor);
    }

    @Transactional(readOnly = true)
    public List<Change> history(String id) {
        return jdbc.sql("""
                        SELECT id, article_id, action, actor, at, before_text, after_text FROM article_audit
                        WHERE article_id = ? ORDER BY id""")
                .param(id)
                .query((rs, n) -> new Change(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant(),
                        rs.getString(6),
                        rs.getString(7)))
                .list();
    }

    private Article write(Article a, Path file, String before, String action, String actor) {
        String text = ArticleParser.format(a);
        audit(a.id(), action, actor, before, text);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".article-", ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw problem(
                    HttpStatus.INTERNAL_SERVER_ERROR,
                    "Article not saved",
                    "Could not write " + file + ": " + e.getMessage()
                            + ". Nothing was changed; check the folder's permissions and try again.");
        }
        knowledgeBase.refresh();
        log.info("article {} {}d by {}", a.id(), action, actor);
        return knowledgeBase.article(a.id()).orElse(a);
    }

    private void audit(String id, String action, String actor, String before, String after) {
        jdbc.sql("""
                        INSERT INTO article_audit (article_id, action, actor, at, before_text, after_text)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(id, action, actor, Timestamp.from(clock.instant()), before, after)
                .update();
    }

    /** Checks a draft the way the loader will read it, and refuses card numbers and active content. */
    private Article validate(Draft d, String pathId) {
        if (d == null) {
            throw invalid(
                    "Send the article as JSON: id, language, title, intents, questions, tags, owner, review, body.");
        }
        String id = d.id() == null && pathId != null ? pathId : d.id();
        if (pathId != null && !pathId.equals(id)) {
            throw invalid("The id in the body ('" + id + "') differs from the one in the path ('" + pathId
                    + "'). To rename an article, create the new one and retire the old.");
        }
        if (id == null || !ArticleParser.ID.matcher(id).matches()) {
            throw invalid("id must be 1 to 100 lowercase letters, digits and hyphens, such as en-card-arrival.");
        }
        Language language = switch (d.language() == null ? "" : d.language()) {
            case "en" -> Language.EN;
            case "zh" -> Language.ZH;
            default -> throw invalid("language must be en or zh.");
        };
        List<String> texts = new java.util.ArrayList<>();
        texts.add(d.title());
        texts.add(d.owner());
        texts.add(d.body());
        texts.addAll(nonNull(d.questions()));
        texts.addAll(nonNull(d.tags()));
        texts.addAll(nonNull(d.intents()));
        for (String t : texts) {
            // A card number typed into the API arrives masked already (StorableText); one in a file does not.
            if (t != null
                    && (!CardNumbers.mask(t).equals(t)
                            || CardNumbers.MASKED.matcher(t).find())) {
                throw invalid(
                        "The article contains what looks like a card number. Articles never show one: remove it.");
            }
            if (t != null && ACTIVE_CONTENT.matcher(t).find()) {
                throw invalid("Articles are Markdown; scripts, frames, forms and event handlers are not allowed.");
            }
        }
        if (d.review() == null) {
            throw invalid("review must be a date like 2027-06-30: when the owner checks the article again.");
        }
        if (d.body() != null && d.body().length() > 20_000) {
            throw invalid("The body has " + d.body().length() + " characters; an article's limit is 20,000.");
        }
        if (nonNull(d.questions()).size() > 50) {
            throw invalid("At most 50 alternative questions per article.");
        }
        Article a = new Article(
                id,
                language,
                d.title() == null ? "" : d.title().strip(),
                nonNull(d.intents()),
                nonNull(d.questions()),
                nonNull(d.tags()),
                d.owner() == null ? "" : d.owner().strip(),
                d.review(),
                d.body() == null ? "" : d.body(),
                "admin");
        try {
            // The file as it will be written must load: the same checks as a hand-edited file.
            return ArticleParser.parse(ArticleParser.format(a), "admin");
        } catch (ArticleParser.InvalidArticle e) {
            throw invalid("The article " + e.getMessage() + ".");
        }
    }

    private static List<String> nonNull(List<String> list) {
        return list == null
                ? List.of()
                : list.stream().map(s -> s == null ? "" : s).toList();
    }

    private Path folder() {
        Path folder = knowledgeBase.folder();
        if (folder == null || folder.getFileSystem() != FileSystems.getDefault()) {
            throw readOnly();
        }
        return folder;
    }

    private Path defaultFile(Article a) {
        return folder().resolve(a.language().code()).resolve(a.id() + ".md");
    }

    /** The file an article was loaded from, when it lies in the articles folder. */
    private Optional<Path> fileOf(Article a) {
        Path folder = folder().toAbsolutePath().normalize();
        try {
            Path p = Path.of(a.source()).toAbsolutePath().normalize();
            return p.startsWith(folder) && Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static ErrorResponseException invalid(String detail) {
        return problem(HttpStatus.BAD_REQUEST, "Article not accepted", detail);
    }

    private static ErrorResponseException notFound(String id) {
        return problem(HttpStatus.NOT_FOUND, "Article not found", "No published article has the id '" + id + "'.");
    }

    private static ErrorResponseException readOnly() {
        return problem(
                HttpStatus.CONFLICT,
                "Articles are read-only",
                "Teller serves its shipped articles from inside the jar. Set TELLER_ARTICLES to a folder to edit them.");
    }

    public static ErrorResponseException problem(HttpStatus status, String title, String detail) {
        ErrorResponseException e = new ErrorResponseException(status);
        e.getBody().setTitle(title);
        e.getBody().setDetail(detail);
        return e;
    }
}
