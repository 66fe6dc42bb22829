package dev.teller.intents.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teller.intents.Language;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentEmbeddingsTest {

    /** Counts calls; its vector is the text's length, so a wrong cache hit would show. */
    static final class Counting implements Embedder {
        final List<String> calls = new ArrayList<>();

        @Override
        public float[] embed(String text, Language language) {
            calls.add(language.code() + ":" + text);
            return new float[] {text.length(), language == Language.EN ? 0 : 1};
        }

        @Override
        public String id() {
            return "counting";
        }
    }

    @Test
    void embedsARecentTextOnceAndForgetsTheOldest() {
        Counting inner = new Counting();
        RecentEmbeddings recent = new RecentEmbeddings(inner, 2);
        assertThat(recent.embed("card", Language.EN)).containsExactly(4, 0);
        assertThat(recent.embed("card", Language.EN)).containsExactly(4, 0);
        assertThat(recent.embed("card", Language.ZH)).containsExactly(4, 1);
        recent.embed("pin", Language.EN); // evicts en:card, the least recently used
        recent.embed("card", Language.EN);
        assertThat(inner.calls).containsExactly("en:card", "zh:card", "en:pin", "en:card");
        float[] v = recent.embed("card", Language.EN);
        v[0] = 99; // callers cannot change what is remembered
        assertThat(recent.embed("card", Language.EN)).containsExactly(4, 0);
        assertThat(recent.id()).isEqualTo("counting");
    }
}
