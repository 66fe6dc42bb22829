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

    /** The first paragraph of the body without its "Short answer:" label: what a chat reply quotes. */
    public String shortAnswer() {
        String first = body.strip().split("\\n\\s*\\n", 2)[0].strip();
        return first.replaceFirst("^\\*\\*[^*]{1,20}[:：]\\*\\*\\s*", "")
                .replaceFirst("^(?i)short answer[:：]\\s*", "")
                .strip();
    }
}
