package dev.teller.kb.article;

import dev.teller.kb.Article;
import dev.teller.kb.ArticleProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads every article file ({@code *.md}) in the sub-folders of an articles folder, in path order. Files at
 * the top of the folder (README.md, FACTS.md) are documentation, not articles. A broken file or a duplicate
 * id is reported with the file and the reason, and the other articles still load.
 */
public final class ArticleLoader {

    /** Articles longer than this are refused: an article is a short answer, not a manual. */
    public static final int MAX_FILE_BYTES = 64 * 1024;

    /** The articles that loaded, by id, and the files that did not. */
    public record Loaded(Map<String, Article> articles, List<ArticleProblem> problems) {
        public Loaded {
            articles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(articles));
            problems = List.copyOf(problems);
        }
    }

    private ArticleLoader() {}

    public static Loaded load(Path folder) {
        if (!Files.isDirectory(folder)) {
            return new Loaded(Map.of(), List.of(new ArticleProblem(folder.toString(), "no such folder")));
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(ArticleLoader::isArticleFile)
                    .filter(p -> !p.getParent().equals(folder))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        Map<String, Article> articles = new LinkedHashMap<>();
        List<ArticleProblem> problems = new ArrayList<>();
        for (Path file : files) {
            try {
                Article a = read(file);
                Article first = articles.get(a.id());
                if (first != null) {
                    problems.add(new ArticleProblem(
                            file.toString(), "duplicate id '" + a.id() + "', already used by " + first.source()));
                } else {
                    articles.put(a.id(), a);
                }
            } catch (ArticleParser.InvalidArticle e) {
                problems.add(new ArticleProblem(file.toString(), e.getMessage()));
            }
        }
        return new Loaded(articles, problems);
    }

    /** Whether a path looks like an article file (a visible {@code .md} file). */
    public static boolean isArticleFile(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith(".md") && !name.startsWith(".") && Files.isRegularFile(p);
    }

    /** Reads and parses one file. */
    public static Article read(Path file) throws ArticleParser.InvalidArticle {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ArticleParser.InvalidArticle("larger than " + MAX_FILE_BYTES / 1024 + " kB");
            }
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
            return ArticleParser.parse(text, file.toString());
        } catch (CharacterCodingException e) {
            throw new ArticleParser.InvalidArticle("not valid UTF-8");
        } catch (IOException e) {
            throw new ArticleParser.InvalidArticle("cannot be read: " + e.getMessage());
        }
    }
}
