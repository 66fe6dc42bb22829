package dev.teller.kb.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.teller.intents.Language;
import dev.teller.kb.Article;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ArticleLoaderTest {

    public static final String GOOD = """
            ---
            id: en-test-card
            language: en
            title: My card has not arrived
            intents: [card_arrival]
            questions:
              - "Where is my card: it's late"
              - card still not here
            tags: [cards]
            owner: cards-team
            review: 2027-06-30
            ---
            **Short answer:** Report it in the app under **Cards → Card not arrived**.

            - Delivery takes 3–5 working days.
            """;

    @Test
    void parsesFrontMatterAndBody() throws Exception {
        Article a = ArticleParser.parse(GOOD, "good.md");
        assertThat(a.id()).isEqualTo("en-test-card");
        assertThat(a.language()).isEqualTo(Language.EN);
        assertThat(a.intents()).containsExactly("card_arrival");
        assertThat(a.questions()).containsExactly("Where is my card: it's late", "card still not here");
        assertThat(a.review()).isEqualTo(LocalDate.of(2027, 6, 30));
        assertThat(a.shortAnswer()).isEqualTo("Report it in the app under **Cards → Card not arrived**.");
    }

    @Test
    void listItemsAreTheArticlesClausesAsPlainText() throws Exception {
        Article a = ArticleParser.parse(
                GOOD.replace(
                        "- Delivery takes 3–5 working days.",
                        "- Delivery takes **3–5 working days**.\n* See [our fees](/fees) page.\n2. 每天限额 `5,000` 元。\n\nNot -a clause."),
                "good.md");
        assertThat(a.clauses())
                .containsExactly("Delivery takes 3–5 working days.", "See our fees page.", "每天限额 5,000 元。");
    }

    @Test
    void formatWritesWhatParseReadsBackWhateverTheText() throws Exception {
        Article a = ArticleParser.parse(GOOD, "good.md");
        Article tricky = new Article(
                "zh-tricky",
                Language.ZH,
                "标题: \"引号\" & --- # 不是注释",
                List.of("card_arrival"),
                List.of("yes: no?", "- a dash", "'single' \"double\"", "多行\n问题"),
                List.of(),
                "owner: team",
                LocalDate.of(2028, 1, 31),
                "**Short answer:** 第一段。\n\n---\n\nmore",
                "api");
        for (Article original : List.of(a, tricky)) {
            Article back = ArticleParser.parse(ArticleParser.format(original), "round-trip.md");
            assertThat(back).usingRecursiveComparison().ignoringFields("source").isEqualTo(original);
        }
    }

    @Test
    void saysWhatIsWrongWithABrokenArticle() {
        assertThatThrownBy(() -> ArticleParser.parse(GOOD.replace("owner: cards-team\n", ""), "x.md"))
                .hasMessageContaining("missing field 'owner'");
        assertThatThrownBy(() -> ArticleParser.parse(GOOD.replace("language: en", "language: fr"), "x.md"))
                .hasMessageContaining("language must be en or zh");
        assertThatThrownBy(() -> ArticleParser.parse(GOOD.replace("review: 2027-06-30", "review: soon"), "x.md"))
                .hasMessageContaining("review must be a date");
        assertThatThrownBy(() -> ArticleParser.parse("no front matter", "x.md")).hasMessageContaining("front-matter");
        assertThatThrownBy(() -> ArticleParser.parse(GOOD.replace("tags: [cards]", "tags: [cards"), "x.md"))
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() ->
                        ArticleParser.parse(GOOD.replace("intents: [card_arrival]", "intents: card_arrival"), "x.md"))
                .hasMessageContaining("'intents' must be a list");
    }

    @Test
    void aBrokenFileOrADuplicateIdDoesNotStopTheOthers(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("en"));
        Files.writeString(dir.resolve("en/a.md"), GOOD);
        Files.writeString(dir.resolve("en/b.md"), GOOD);
        Files.writeString(
                dir.resolve("en/c.md"),
                GOOD.replace("id: en-test-card", "id: en-other").replace("title: My card has not arrived\n", ""));
        Files.writeString(dir.resolve("en/d.md"), GOOD.replace("id: en-test-card", "id: en-fine"));
        Files.writeString(dir.resolve("README.md"), "not an article");
        ArticleLoader.Loaded loaded = ArticleLoader.load(dir);
        assertThat(loaded.articles()).containsOnlyKeys("en-test-card", "en-fine");
        assertThat(loaded.problems()).hasSize(2);
        assertThat(loaded.problems().get(0).source()).endsWith("b.md");
        assertThat(loaded.problems().get(0).reason())
                .contains("duplicate id 'en-test-card'")
                .contains("a.md");
        assertThat(loaded.problems().get(1).source()).endsWith("c.md");
        assertThat(loaded.problems().get(1).reason()).contains("missing field 'title'");
    }

    @Test
    void importsAnFaqCsvAndWritesArticlesTheParserReadsBack(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("faq.csv");
        Files.writeString(csv, """
                Question,Answer,Class
                "How do I block my card 4111 1111 1111 1111?","Freeze it in the app: Cards → Freeze.",cards
                怎么查询余额？,在 App 首页就能看到余额。,accounts
                """);
        List<Article> articles = FaqImport.read(csv, "faq", LocalDate.of(2027, 1, 1));
        assertThat(articles).hasSize(2);
        assertThat(articles.get(0).title()).isEqualTo("How do I block my card **** **** **** 1111?");
        assertThat(articles.get(1).language()).isEqualTo(Language.ZH);
        for (Article a : articles) {
            Article back = ArticleParser.parse(ArticleParser.format(a), "back.md");
            assertThat(back.id()).isEqualTo(a.id());
            assertThat(back.title()).isEqualTo(a.title());
            assertThat(back.body()).isEqualTo(a.body());
            assertThat(back.tags()).isEqualTo(a.tags());
        }
        Files.writeString(csv, "text,label\nno,columns\n");
        assertThatThrownBy(() -> FaqImport.read(csv, "faq", LocalDate.of(2027, 1, 1)))
                .hasMessageContaining("'question' and 'answer'");
    }
}
