package dev.teller.kb.article;

import dev.teller.intents.Language;
import dev.teller.intents.data.DataFileException;
import dev.teller.intents.text.CardNumbers;
import dev.teller.intents.text.LanguageDetector;
import dev.teller.kb.Article;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Turns a bank's existing FAQ, a CSV file with a header, into articles. Columns are found by name: the
 * question ({@code question}), the answer ({@code answer}), and optionally an id ({@code id} or
 * {@code faq_id}) and a category ({@code category}, {@code class} or {@code subject}). The language of each
 * row is read from its question. Known customer phrasings, a CSV of (question, id), can be added to the
 * articles' alternative questions. Card numbers in the text are masked.
 */
public final class FaqImport {

    private FaqImport() {}

    /** Reads an FAQ CSV into articles whose ids are {@code prefix-<id or row number>}. */
    public static List<Article> read(Path csv, String prefix, LocalDate review) {
        List<Article> out = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.builder()
                        .setReader(reader)
                        .setFormat(CSVFormat.RFC4180
                                .builder()
                                .setHeader()
                                .setSkipHeaderRecord(true)
                                .setIgnoreEmptyLines(true)
                                .get())
                        .get()) {
            List<String> header = parser.getHeaderNames().stream()
                    .map(h -> h.strip().toLowerCase(Locale.ROOT))
                    .toList();
            int q = column(header, "question");
            int a = column(header, "answer");
            int id = column(header, "faq_id", "id");
            int cat = column(header, "category", "class", "subject");
            if (q < 0 || a < 0) {
                throw new DataFileException(csv, "needs a header with 'question' and 'answer' columns, has " + header);
            }
            for (CSVRecord r : parser) {
                long line = parser.getCurrentLineNumber();
                String question = get(r, q);
                String answer = get(r, a);
                if (question.isBlank() || answer.isBlank()) {
                    throw new DataFileException(csv, "line " + line + " has an empty question or answer");
                }
                String key = id >= 0 && !get(r, id).isBlank() ? get(r, id) : String.valueOf(r.getRecordNumber());
                String articleId = articleId(prefix, key);
                if (seen.putIfAbsent(articleId, (int) line) != null) {
                    throw new DataFileException(csv, "line " + line + " repeats id " + key);
                }
                Language lang =
                        LanguageDetector.detect(question, Language.EN) == Language.EN ? Language.EN : Language.ZH;
                String category = cat >= 0 ? get(r, cat) : "";
                out.add(new Article(
                        articleId,
                        lang,
                        CardNumbers.mask(question),
                        List.of(),
                        List.of(),
                        category.isBlank() ? List.of() : List.of(category),
                        "imported",
                        review,
                        CardNumbers.mask(answer),
                        csv + ":" + line));
            }
        } catch (NoSuchFileException e) {
            throw new DataFileException(csv, "no such file");
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            throw new DataFileException(csv, "cannot be read as CSV: " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new DataFileException(csv, "has no rows");
        }
        return out;
    }

    /** The article id for an FAQ row id: lowercase letters, digits and hyphens only. */
    public static String articleId(String prefix, String key) {
        String slug = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (slug.isEmpty()) {
            slug = Integer.toHexString(key.hashCode());
        }
        return prefix + "-" + slug;
    }

    /** Adds (question, id) rows of a CSV as alternative questions of the articles they name. */
    public static List<Article> withAlternativeQuestions(List<Article> articles, Path csv, String prefix) {
        Map<String, List<String>> extra = new LinkedHashMap<>();
        for (var row : dev.teller.intents.data.Csv.read(csv)) {
            extra.computeIfAbsent(articleId(prefix, row.label()), k -> new ArrayList<>())
                    .add(CardNumbers.mask(row.text().strip()));
        }
        List<Article> out = new ArrayList<>();
        for (Article a : articles) {
            List<String> more = extra.get(a.id());
            if (more == null) {
                out.add(a);
            } else {
                List<String> questions = new ArrayList<>(a.questions());
                more.stream()
                        .filter(s -> !s.isEmpty() && !questions.contains(s))
                        .forEach(questions::add);
                out.add(new Article(
                        a.id(),
                        a.language(),
                        a.title(),
                        a.intents(),
                        questions,
                        a.tags(),
                        a.owner(),
                        a.review(),
                        a.body(),
                        a.source()));
            }
        }
        return out;
    }

    private static int column(List<String> header, String... names) {
        for (String n : names) {
            int i = header.indexOf(n);
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String get(CSVRecord r, int i) {
        return i < r.size() ? r.get(i).strip() : "";
    }
}
