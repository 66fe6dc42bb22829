package dev.teller.intents.cues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.teller.intents.Cue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

class CueLexiconTest {

    private static final CueLexicon LEXICON = CueLexicon.shipped();

    private static List<String> kinds(String section, String text) {
        return LEXICON.find(section, text).stream().map(Cue::kind).distinct().toList();
    }

    @Test
    void fundSafetyInEnglish() {
        assertThat(kinds("fund_safety", "Someone stole my card and there are payments I didn't make"))
                .contains("stolen_card", "unauthorised_charge");
        assertThat(kinds("fund_safety", "I think this is a SCAM")).containsExactly("fraud");
        assertThat(kinds("fund_safety", "you charged me twice for one coffee")).containsExactly("duplicate_charge");
        assertThat(kinds("fund_safety", "my money has disappeared from savings"))
                .contains("money_missing");
    }

    @Test
    void fundSafetyInChinese() {
        assertThat(kinds("fund_safety", "我的卡被盗刷了，不是我本人消费的")).contains("fraud", "unauthorised_charge");
        assertThat(kinds("fund_safety", "同一笔扣了两次")).containsExactly("duplicate_charge");
        assertThat(kinds("fund_safety", "卡丢了怎么办")).containsExactly("stolen_card");
    }

    @Test
    void ordinaryQuestionsAreNotFundSafety() {
        assertThat(kinds("fund_safety", "How long does a transfer take?")).isEmpty();
        assertThat(kinds("fund_safety", "what is the fee for a card payment abroad"))
                .isEmpty();
        assertThat(kinds("fund_safety", "转账要多久到账")).isEmpty();
    }

    @Test
    void escalationCuesCarryTheirWords() {
        List<Cue> cues =
                LEXICON.find("escalation", "I'll report you to the Ombudsman, call my lawyer and close my account");
        assertThat(cues).extracting(Cue::kind).contains("regulator", "lawyer", "close_account");
        assertThat(cues).extracting(Cue::trigger).contains("Ombudsman", "lawyer", "close my account");
        assertThat(kinds("escalation", "再不处理我就投诉到银保监会，还要发微博曝光")).contains("regulator", "social_media", "press");
    }

    @Test
    void englishPatternsMatchWholeWordsOnly() {
        assertThat(kinds("escalation", "issue with my pursue of the refund")).doesNotContain("lawyer");
    }

    @Test
    void theLiteralEveryMatchMustHoldIsReadFromThePatternsTopLevel() {
        assertThat(CueLexicon.requiredLiteral("identity theft")).isEqualTo("identity theft");
        assertThat(CueLexicon.requiredLiteral("fraud(?:ulent|ster|sters)?")).isEqualTo("fraud");
        assertThat(CueLexicon.requiredLiteral("(?:my )?card (?:was |has been )?stolen"))
                .isEqualTo("stolen");
        assertThat(CueLexicon.requiredLiteral("cards? blocked")).isEqualTo(" blocked");
        assertThat(CueLexicon.requiredLiteral("charged (?:me )?twice")).isEqualTo("charged ");
        assertThat(CueLexicon.requiredLiteral("x{2,3}yz\\s+ab")).isEqualTo("yz");
        assertThat(CueLexicon.requiredLiteral("[^.?!]{0,30} not mine")).isEqualTo(" not mine");
        assertThat(CueLexicon.requiredLiteral("\\p{L}+ hacked")).isEqualTo(" hacked");
        assertThat(CueLexicon.requiredLiteral("ombudsman|regulator")).isEmpty();
        assertThat(CueLexicon.requiredLiteral("卡(?:被偷|被盗)")).isEqualTo("卡");
        assertThat(CueLexicon.requiredLiteral("不是我(?:本人)?消费的")).isEqualTo("不是我");
    }

    @Test
    void skippingPatternsByTheirLiteralFindsExactlyWhatScanningEveryPatternFinds() throws Exception {
        CueLexicon everyPattern = LEXICON.withoutLiterals();
        List<String> corpus = new ArrayList<>();
        ObjectMapper yaml = YAMLMapper.builder().build();
        try (Stream<Path> files = Files.walk(Path.of("data"))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                collectStrings(yaml.readTree(file.toFile()), corpus);
            }
        }
        assertThat(corpus).as("our own examples and the lexicon's patterns").hasSizeGreaterThan(3000);
        List<String> variants = new ArrayList<>();
        for (String text : corpus) {
            variants.add(text);
            variants.add(text.toUpperCase(Locale.ROOT));
            // Characters whose case folding is not one to one: dotted and dotless i, long s, Kelvin, sharp s.
            variants.add(text.replace('i', '\u0130').replace('s', '\u017F').replace('k', '\u212A'));
            variants.add(text.replace("i", "\u0131").replace("ss", "\u00DF"));
        }
        int found = 0;
        for (String text : variants) {
            for (String section : List.of("fund_safety", "escalation", "category", "sentiment", "complaint")) {
                List<Cue> expected = everyPattern.find(section, text);
                assertThat(LEXICON.find(section, text))
                        .as(section + " in " + text)
                        .isEqualTo(expected);
                found += expected.size();
            }
        }
        assertThat(found)
                .as("cues found in the corpus, so that the comparison means something")
                .isGreaterThan(2000);
    }

    private static void collectStrings(JsonNode node, List<String> into) {
        if (node.isString()) {
            into.add(node.asString());
        }
        for (JsonNode child : node) { // an array's items, an object's values
            collectStrings(child, into);
        }
    }

    @Test
    void aBadPatternNamesItsPlace() {
        String yaml = "fund_safety:\n  fraud:\n    en: [\"(unclosed\"]\n";
        assertThatThrownBy(() ->
                        CueLexicon.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test.yml: fund_safety.fraud");
    }
}
