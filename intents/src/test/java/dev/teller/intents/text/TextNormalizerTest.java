package dev.teller.intents.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    @Test
    void lowerCasesFoldsWidthAndRemovesControls() {
        assertThat(TextNormalizer.normalize("  ＡＴＭ\u0000 took\u200b my\tCARD\r\n "))
                .isEqualTo("atm took my card");
    }

    @Test
    void replacesLinksAndHandles() {
        assertThat(TextNormalizer.normalize("@MyBank see https://x.example/a?b=1 now"))
                .isEqualTo("@user see http now");
    }

    @Test
    void capsHugeTextWithoutSplittingASurrogatePair() {
        String huge = "a".repeat(TextNormalizer.MAX_CLASSIFIED_CHARS - 1) + "😀".repeat(10_000);
        String n = TextNormalizer.normalize(huge);
        assertThat(n.length()).isLessThanOrEqualTo(TextNormalizer.MAX_CLASSIFIED_CHARS);
        assertThat(Character.isHighSurrogate(n.charAt(n.length() - 1))).isFalse();
    }

    @Test
    void dropsUnpairedSurrogates() {
        assertThat(TextNormalizer.stripControls("a\ud800b\udc00c")).isEqualTo("abc");
    }
}
