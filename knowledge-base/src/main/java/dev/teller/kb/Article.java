package dev.teller.kb;

import dev.teller.intents.Language;
import java.time.LocalDate;
import java.util.List;

/**
 * One knowledge-base article: a Markdown file with front matter. The body starts with a short answer that
 * settles the question on its own; the rest gives steps and figures.
 *
 * @param id unique across languages, e.g. {@code en-card-arrival}
 * @param intents the intents (of the intents module) this article answers; may be empty
 * @param questions other ways customers ask it
 * @param source where it was loaded from (a file path or a resource name)
 */
public record Article(
        String id,
        Language language,
        String title,
        List<String> intents,
        List<String> questions,
        List<String> tags,
        String owner,
        LocalDate review,
        String body,
        String source) {

    public Article {
        intents = List.copyOf(intents);
        questions = List.copyOf(questions);
        tags = List.copyOf(tags);
    }

    /**
     * The body's list items as plain sentences (Markdown emphasis and links removed): each states one rule, fee,
     * limit or step, the clauses an agent quotes beside the article.
     */
    public List<String> clauses() {
        return body.lines()
                .map(String::strip)
                .filter(l -> l.matches("^([-*+]|\\d{1,2}[.)])\\s+.*"))
                .map(l -> l.replaceFirst("^([-*+]|\\d{1,2}[.)])\\s+", ""))
                .map(l -> l.replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1")
                        .replace("**", "")
                        .replace("__", "")
                        .replace("`", "")
                        .strip())
                .filter(l -> !l.isEmpty())
                .toList();
    }

    /** The first paragraph of the body without its "Short answer:" label: what a chat reply quotes. */
    public String shortAnswer() {
        String first = body.strip().split("\\n\\s*\\n", 2)[0].strip();
        return first.replaceFirst("^\\*\\*[^*]{1,20}[:：]\\*\\*\\s*", "")
                .replaceFirst("^(?i)short answer[:：]\\s*", "")
                .strip();
    }
}
