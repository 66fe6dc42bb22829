package dev.teller.intents.cues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.teller.intents.Cue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

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
    void aBadPatternNamesItsPlace() {
        String yaml = "fund_safety:\n  fraud:\n    en: [\"(unclosed\"]\n";
        assertThatThrownBy(() ->
                        CueLexicon.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test.yml: fund_safety.fraud");
    }
}
