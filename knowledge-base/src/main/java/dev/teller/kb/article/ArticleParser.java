package dev.teller.kb.article;

import dev.teller.intents.Language;
import dev.teller.kb.Article;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Reads one article: YAML front matter between two {@code ---} lines, then the Markdown body. Every field is
 * required; a problem is reported as an {@link InvalidArticle} whose message says what to fix.
 */
public final class ArticleParser {

    /** Ids are lowercase letters, digits and hyphens, so that they are safe in file names, URLs and logs. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

    private static final ObjectMapper YAML = YAMLMapper.builder().build();
    private static final ObjectMapper YAML_OUT = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .build();
    private static final List<String> FIELDS =
            List.of("id", "language", "title", "intents", "questions", "tags", "owner", "review");

    private ArticleParser() {}

    /** An article file that breaks the format. */
    public static final class InvalidArticle extends Exception {
        public InvalidArticle(String message) {
            super(message);
        }
    }

    /**
     * Writes an article in the file format {@link #parse} reads: YAML front matter, then the body. Fields are
     * written as YAML values, so any text (quotes, colons, any script) survives the round trip.
     */
    public static String format(Article a) {
        Map<String, Object> front = new LinkedHashMap<>();
        front.put("id", a.id());
        front.put("language", a.language().code());
        front.put("title", a.title());
        front.put("intents", a.intents());
        front.put("questions", a.questions());
        front.put("tags", a.tags());
        front.put("owner", a.owner());
        front.put("review", a.review().toString());
        return "---\n" + YAML_OUT.writeValueAsString(front).stripTrailing() + "\n---\n"
                + a.body().strip() + "\n";
    }

    public static Article parse(String text, String source) throws InvalidArticle {
        String s = text.replace("\r\n", "\n");
        if (s.startsWith("\uFEFF")) {
            s = s.substring(1);
        }
        if (!s.startsWith("---\n")) {
            throw new InvalidArticle("does not start with a front-matter line '---'");
        }
        int end = s.indexOf("\n---", 3);
        while (end >= 0 && !(end + 4 == s.length() || s.charAt(end + 4) == '\n')) {
            end = s.indexOf("\n---", end + 4);
        }
        if (end < 0) {
            throw new InvalidArticle("front matter is not closed by a line '---'");
        }
        String front = s.substring(4, end + 1);
        String body = end + 4 >= s.length() ? "" : s.substring(end + 5).strip();
        JsonNode node;
        try {
            node = YAML.readTree(front);
        } catch (JacksonException e) {
            throw new InvalidArticle("front matter is not valid YAML: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidArticle("front matter is not a YAML mapping");
        }
        for (String field : FIELDS) {
            if (!node.has(field) || node.get(field).isNull()) {
                throw new InvalidArticle("missing field '" + field + "'");
            }
        }
        String id = text(node, "id");
        if (!ID.matcher(id).matches()) {
            throw new InvalidArticle("id '" + id + "' must be lowercase letters, digits and hyphens");
        }
        Language language = switch (text(node, "language")) {
            case "en" -> Language.EN;
            case "zh" -> Language.ZH;
            default -> throw new InvalidArticle("language must be en or zh, not '" + text(node, "language") + "'");
        };
        String title = text(node, "title");
        List<String> questions = list(node, "questions");
        LocalDate review;
        try {
            review = LocalDate.parse(text(node, "review"));
        } catch (DateTimeParseException e) {
            throw new InvalidArticle("review must be a date like 2027-06-30, not '" + text(node, "review") + "'");
        }
        if (body.isBlank()) {
            throw new InvalidArticle("the body is empty: start it with a short answer");
        }
        return new Article(
                id,
                language,
                title,
                list(node, "intents"),
                questions,
                list(node, "tags"),
                text(node, "owner"),
                review,
                body,
                source);
    }

    private static String text(JsonNode node, String field) throws InvalidArticle {
        JsonNode v = node.get(field);
        if (!v.isValueNode() || v.asString().isBlank()) {
            throw new InvalidArticle("field '" + field + "' must be a non-empty value");
        }
        return v.asString().strip();
    }

    private static List<String> list(JsonNode node, String field) throws InvalidArticle {
        JsonNode v = node.get(field);
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            for (JsonNode item : v) {
                if (!item.isValueNode() || item.asString().isBlank()) {
                    throw new InvalidArticle("field '" + field + "' must be a list of non-empty values");
                }
                out.add(item.asString().strip());
            }
            return out;
        }
        throw new InvalidArticle("field '" + field + "' must be a list, e.g. [a, b] (may be empty: [])");
    }
}
