package dev.teller.intents.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teller.intents.Language;
import org.junit.jupiter.api.Test;

class LanguageDetectorTest {

    @Test
    void tellsEnglishChineseAndMixedApart() {
        assertThat(LanguageDetector.detect("where is my new card", Language.ZH)).isEqualTo(Language.EN);
        assertThat(LanguageDetector.detect("我的卡还没收到", Language.EN)).isEqualTo(Language.ZH);
        assertThat(LanguageDetector.detect("我的Apple Pay用不了", Language.EN)).isEqualTo(Language.ZH);
        assertThat(LanguageDetector.detect("my card 被吞了 at the cash machine near the station", Language.EN))
                .isEqualTo(Language.MIXED);
    }

    @Test
    void messagesWithoutLettersTakeTheFallback() {
        assertThat(LanguageDetector.detect("😡😡😡 !!!", Language.ZH)).isEqualTo(Language.ZH);
        assertThat(LanguageDetector.detect("", Language.EN)).isEqualTo(Language.EN);
        assertThat(LanguageDetector.detect("12345", Language.EN)).isEqualTo(Language.EN);
    }
}
