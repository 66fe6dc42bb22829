package dev.teller.intents.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FeaturizerTest {

    @Test
    void splitsChineseIntoCharactersAndKeepsEmojiAndQuestionMarks() {
        assertThat(Featurizer.tokens("卡丢了 help! 😡 ok?")).containsExactly("卡", "丢", "了", "help", "!", "😡", "ok", "?");
    }

    @Test
    void wordsPairsCharacterGramsAndHanzi() {
        Features f = Featurizer.features("card 丢了 £25");
        assertThat(f.names()).contains("w=card", "b=<s>_card", "c=<ca", "z=丢", "z=丢了", "w=0");
        // each family is scaled to unit length
        double words = 0;
        for (int i = 0; i < f.size(); i++) {
            if (f.names()[i].startsWith("w=")) {
                words += f.values()[i] * f.values()[i];
            }
        }
        assertThat(words).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(Arrays.stream(f.names()).distinct().count()).isEqualTo(f.size());
    }

    @Test
    void nothingToReadGivesNoFeatures() {
        assertThat(Featurizer.features("").size()).isZero();
        assertThat(Featurizer.features(" ... ").size()).isZero();
    }
}
