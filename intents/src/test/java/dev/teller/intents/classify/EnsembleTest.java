package dev.teller.intents.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.teller.intents.text.Featurizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Trains on small inline samples with made-up sentence vectors, so no ONNX model is needed. */
class EnsembleTest {

    private static final String[][] EXAMPLES = {
        {"card", "my card has not arrived"},
        {"card", "where is my new card"},
        {"card", "card still not delivered"},
        {"card", "when will the card come"},
        {"card", "new card never came"},
        {"card", "card delivery is late"},
        {"fee", "why was i charged a fee"},
        {"fee", "what does a transfer cost"},
        {"fee", "is there a charge for this"},
        {"fee", "how much is the fee"},
        {"fee", "fees on my statement"},
        {"fee", "do you charge for top ups"},
        {"hello", "hi there"},
        {"hello", "hello"},
        {"hello", "good morning"},
        {"hello", "hey"},
        {"hello", "hiya"},
        {"hello", "good evening team"},
    };

    /** A stand-in sentence vector: one direction per topic word, so the head has something to learn. */
    private static float[] vector(String text) {
        float[] v = new float[4];
        v[0] = text.contains("card") ? 1 : 0;
        v[1] = text.contains("fee") || text.contains("charge") || text.contains("cost") ? 1 : 0;
        v[2] = text.startsWith("h") || text.startsWith("good") ? 1 : 0;
        v[3] = text.length() / 30f;
        return v;
    }

    private static Sample sample(String text) {
        return new Sample(Featurizer.features(text), vector(text));
    }

    private static List<LabeledSample> data() {
        List<LabeledSample> data = new ArrayList<>();
        for (String[] e : EXAMPLES) {
            data.add(new LabeledSample(sample(e[1]), e[0]));
        }
        return data;
    }

    private static String best(ProbabilisticClassifier c, String text) {
        double[] p = c.probabilities(sample(text));
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return c.labels().get(best);
    }

    @Test
    void learnsAndGivesProbabilities() {
        Ensemble e = Ensemble.train(data(), Ensemble.Options.defaults(), line -> {});
        assertThat(e.labels()).containsExactly("card", "fee", "hello");
        assertThat(best(e, "my card is late")).isEqualTo("card");
        assertThat(best(e, "what fee do you charge")).isEqualTo("fee");
        assertThat(best(e, "hello there")).isEqualTo("hello");
        double[] p = e.probabilities(sample("card not arrived"));
        assertThat(java.util.Arrays.stream(p).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void trainingIsDeterministicAndModelsRoundTrip() throws Exception {
        Ensemble a = Ensemble.train(data(), Ensemble.Options.defaults(), line -> {});
        Ensemble b = Ensemble.train(data(), Ensemble.Options.defaults(), line -> {});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.write(new DataOutputStream(bytes));
        Ensemble read = Ensemble.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        for (String text : List.of("card where", "fee?", "good day", "something else entirely")) {
            assertThat(b.probabilities(sample(text))).containsExactly(a.probabilities(sample(text)));
            assertThat(read.probabilities(sample(text))).containsExactly(a.probabilities(sample(text)));
        }
    }

    @Test
    void aReducedClassWeightLowersThatClass() {
        Ensemble plain = Ensemble.train(data(), Ensemble.Options.defaults(), line -> {});
        Ensemble reduced =
                Ensemble.train(data(), Ensemble.Options.defaults().withClassWeights(Map.of("hello", 0.1)), line -> {});
        int hello = plain.labels().indexOf("hello");
        Sample s = sample("hey card");
        assertThat(reduced.probabilities(s)[hello]).isLessThan(plain.probabilities(s)[hello]);
    }

    @Test
    void oneLabelIsNotEnough() {
        List<LabeledSample> one =
                data().stream().filter(s -> s.label().equals("card")).toList();
        assertThatThrownBy(() -> Ensemble.train(one, Ensemble.Options.defaults(), line -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least two labels");
    }
}
