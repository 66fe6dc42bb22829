package dev.teller.intents.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teller.intents.data.Csv;
import dev.teller.intents.data.LabeledText;
import dev.teller.intents.embed.CachingEmbedder;
import dev.teller.intents.embed.OnnxEmbedder;
import dev.teller.intents.model.UnderstandingModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The acceptance figures of the intents issue, measured on public data in ../shared/datasets (read at run
 * time, never copied). Skipped, with a message, where that folder is absent (a user's clone). Each test
 * trains the product's pipeline, so together they take several minutes; exclude them with
 * {@code -DexcludedGroups=evaluation} for a quick local run.
 */
@Tag("evaluation")
class DatasetEvaluationTest {

    private static Path datasets;
    private static CachingEmbedder embedder;
    private static OnnxEmbedder onnx;

    @BeforeAll
    static void findDatasets() {
        String configured = System.getProperty("teller.datasets");
        for (Path candidate : new Path[] {
            configured == null ? null : Path.of(configured),
            Path.of("../../shared/datasets"),
            Path.of("../shared/datasets")
        }) {
            if (candidate != null && Files.isDirectory(candidate.resolve("banking77"))) {
                datasets = candidate;
                break;
            }
        }
        Assumptions.assumeTrue(
                datasets != null,
                "../shared/datasets is absent: the evaluation tests are skipped (they run in CI, where it exists)");
        onnx = new OnnxEmbedder();
        embedder = new CachingEmbedder(onnx, Path.of("target", "embedding-cache", "vectors.bin"));
    }

    private static List<LabeledText> read(String... files) {
        List<LabeledText> rows = new ArrayList<>();
        for (String f : files) {
            rows.addAll(Csv.read(datasets.resolve(f)));
        }
        return rows;
    }

    private static Evaluation evaluation(Evaluation.Task task, String oosLabel) {
        var options = new Evaluation.Options(task, oosLabel, UnderstandingModel.Options.defaults());
        return new Evaluation(options, embedder, onnx, line -> System.err.println("[evaluation] " + line));
    }

    private static void print(String name, Map<String, Object> result) {
        System.out.println("[evaluation] " + name + ": " + result);
    }

    @Test
    void banking77IntentAccuracyOnAHeldOutFifth() {
        Map<String, Object> r =
                evaluation(Evaluation.Task.INTENT, null).crossValidate(read("banking77/train.csv"), 5, 1);
        print("banking77 held-out fifth", r);
        assertThat((double) r.get("accuracy")).isGreaterThanOrEqualTo(0.93);
    }

    @Test
    void knowsWhatItDoesNotKnow() {
        Map<String, Object> r = evaluation(Evaluation.Task.INTENT, "oos")
                .trainAndTest(
                        read("banking77-oos/train.csv", "banking77-oos/oos-train.csv"),
                        read("banking77-oos/valid.csv"));
        print("banking77-oos valid", r);
        assertThat((double) r.get("in_scope_accuracy")).isGreaterThanOrEqualTo(0.85);
        assertThat((double) r.get("oos_recall")).isGreaterThanOrEqualTo(0.75);
    }

    @Test
    void complaintsMacroF1CrossValidated() {
        Map<String, Object> r =
                evaluation(Evaluation.Task.COMPLAINT, null).crossValidate(read("complaints/train.csv"), 5);
        print("complaints 5-fold", r);
        assertThat((double) r.get("macro_f1")).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void airlineSentimentOnAHeldOutFifth() {
        Map<String, Object> r =
                evaluation(Evaluation.Task.SENTIMENT, null).crossValidate(read("airline-sentiment/train.csv"), 5, 1);
        print("airline-sentiment held-out fifth", r);
        assertThat((double) r.get("accuracy")).isGreaterThanOrEqualTo(0.83);
    }

    @Test
    void chineseSentimentOnDev() {
        Map<String, Object> r = evaluation(Evaluation.Task.SENTIMENT, null)
                .trainAndTest(read("chnsenticorp/train.csv"), read("chnsenticorp/dev.csv"));
        print("chnsenticorp dev", r);
        assertThat((double) r.get("accuracy")).isGreaterThanOrEqualTo(0.92);
    }
}
