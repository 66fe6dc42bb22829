package dev.teller.intents.cli;

import dev.teller.intents.Intents;
import dev.teller.intents.Understander;
import dev.teller.intents.Understanding;
import dev.teller.intents.data.Csv;
import dev.teller.intents.data.LabeledText;
import dev.teller.intents.embed.CachingEmbedder;
import dev.teller.intents.embed.OnnxEmbedder;
import dev.teller.intents.eval.Evaluation;
import dev.teller.intents.model.UnderstandingModel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.ObjectMapper;

/** {@code java -jar intents.jar evaluate|classify|bench}: see the README. */
@Command(
        name = "intents",
        mixinStandardHelpOptions = true,
        description = "Teller's understanding of customer messages: evaluate, classify, bench.",
        subcommands = {IntentsCli.Evaluate.class, IntentsCli.Classify.class, IntentsCli.Bench.class})
public final class IntentsCli {

    static final ObjectMapper JSON = Terminal.JSON;
    static final PrintStream OUT = Terminal.OUT;
    static final PrintStream ERR = Terminal.ERR;

    public static void main(String[] args) {
        Terminal.run(new IntentsCli(), args);
    }

    static void progress(String line) {
        ERR.println("[intents] " + line);
    }

    static Path embeddingCache() {
        return Path.of(
                System.getProperty("user.home"),
                ".cache",
                "teller",
                "embeddings",
                "vectors-" + Integer.toHexString(new OnnxEmbedder().id().hashCode()) + ".bin");
    }

    @Command(
            name = "evaluate",
            mixinStandardHelpOptions = true,
            description = "Train the product's pipeline on --train and score it on --test (or by --cv folds); "
                    + "or score the shipped model with --shipped.")
    static final class Evaluate implements Callable<Integer> {
        @Option(names = "--task", required = true, description = "intent, sentiment or complaint")
        String task;

        @Option(names = "--train", description = "training CSV (text, label); repeat to add files")
        List<Path> train = new ArrayList<>();

        @Option(names = "--test", description = "test CSV (text, label)")
        Path test;

        @Option(names = "--cv", description = "k-fold cross-validation on --train instead of --test")
        Integer folds;

        @Option(
                names = "--folds-to-score",
                description = "with --cv K: score only the first N folds (1 = a held-out 1/K)")
        Integer foldsToScore;

        @Option(names = "--oos-label", description = "the label of out-of-scope examples, e.g. oos")
        String oosLabel;

        @Option(names = "--oos-weight", description = "weight of the out-of-scope class (default ${DEFAULT-VALUE})")
        double oosWeight = UnderstandingModel.Options.defaults().outOfScopeWeight();

        @Option(
                names = "--oos-threshold",
                description = "confidence under which the answer is out of scope (default ${DEFAULT-VALUE})")
        double oosThreshold = UnderstandingModel.Options.defaults().outOfScopeThreshold();

        @Option(
                names = "--shipped",
                description = "score the shipped model (trained on Teller's own examples) on --test")
        boolean shipped;

        @Option(names = "--json", description = "end with one line of JSON")
        boolean json;

        @Override
        public Integer call() {
            Evaluation.Task t;
            try {
                t = Evaluation.Task.valueOf(task.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--task must be intent, sentiment or complaint, not '" + task + "'");
            }
            Map<String, Object> result;
            if (shipped) {
                if (test == null) {
                    throw new IllegalArgumentException("--shipped needs --test");
                }
                result = ShippedEvaluation.run(t, Csv.read(test));
            } else {
                if (train.isEmpty()) {
                    throw new IllegalArgumentException("give --train (and --test or --cv K), or --shipped --test");
                }
                List<LabeledText> rows = new ArrayList<>();
                for (Path p : train) {
                    rows.addAll(Csv.read(p));
                }
                UnderstandingModel.Options defaults = UnderstandingModel.Options.defaults();
                var options = new Evaluation.Options(
                        t, oosLabel, new UnderstandingModel.Options(oosWeight, oosThreshold, defaults.ensemble()));
                OnnxEmbedder onnx = new OnnxEmbedder();
                var evaluation = new Evaluation(
                        options, new CachingEmbedder(onnx, embeddingCache()), onnx, IntentsCli::progress);
                if (folds != null) {
                    if (test != null) {
                        throw new IllegalArgumentException("give --test or --cv, not both");
                    }
                    result = evaluation.crossValidate(rows, folds, foldsToScore == null ? folds : foldsToScore);
                } else {
                    if (test == null) {
                        throw new IllegalArgumentException("give --test FILE or --cv K");
                    }
                    result = evaluation.trainAndTest(rows, Csv.read(test));
                }
            }
            Terminal.printFigures(result, json);
            return 0;
        }
    }

    @Command(
            name = "classify",
            mixinStandardHelpOptions = true,
            description = "Read one message per line on standard input; print how Teller understands each.")
    static final class Classify implements Callable<Integer> {
        @Option(names = "--json", description = "one JSON object per line (default: a short readable line)")
        boolean json;

        @Override
        public Integer call() throws Exception {
            long start = System.nanoTime();
            Understander understander = Intents.load(Intents.Config.defaults().withProgress(IntentsCli::progress));
            progress(String.format(Locale.ROOT, "model ready in %.1f s", (System.nanoTime() - start) / 1e9));
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            List<String> previous = new ArrayList<>();
            while ((line = in.readLine()) != null) {
                Understanding u = understander.understand(line, json ? List.of() : previous);
                if (json) {
                    OUT.println(JSON.writeValueAsString(UnderstandingJson.of(line, u)));
                } else {
                    OUT.println(readable(u));
                    previous.add(line);
                }
            }
            return 0;
        }

        private static String readable(Understanding u) {
            StringBuilder s = new StringBuilder();
            s.append(String.format(
                    Locale.ROOT,
                    "  intent %s (%.2f)%s  [%s]%n",
                    u.intent(),
                    u.confidence(),
                    u.outOfScope() ? " - not sure, would offer a person" : "",
                    u.language().code()));
            if (u.intents().size() > 1) {
                s.append("  also: ");
                u.intents().stream()
                        .skip(1)
                        .limit(2)
                        .forEach(i -> s.append(String.format(Locale.ROOT, "%s (%.2f) ", i.intent(), i.confidence())));
                s.append('\n');
            }
            s.append(String.format(
                    Locale.ROOT,
                    "  sentiment %s (%+.2f)  complaint %.0f%% (%s)%n",
                    u.sentiment().label().name().toLowerCase(Locale.ROOT),
                    u.sentiment().score(),
                    100 * u.complaint().probability(),
                    u.complaint().category().name().toLowerCase(Locale.ROOT)));
            if (u.complaint().fundSafetyRisk()) {
                s.append("  fund safety: ").append(u.complaint().fundSafety()).append('\n');
            }
            if (!u.complaint().escalation().isEmpty()) {
                s.append("  escalation: ").append(u.complaint().escalation()).append('\n');
            }
            if (u.complaint().amount() != null) {
                s.append("  amount: ")
                        .append(u.complaint().amount().amount().toPlainString())
                        .append(' ')
                        .append(u.complaint().amount().currency())
                        .append('\n');
            }
            return s.toString();
        }
    }

    @Command(
            name = "bench",
            mixinStandardHelpOptions = true,
            description = "Time understand() on chat-sized messages: load time, p50, p99, memory.")
    static final class Bench implements Callable<Integer> {
        @Option(
                names = "--messages",
                description = "CSV whose first column holds the messages (default: built-in samples)")
        Path messages;

        @Option(names = "--iterations", description = "timed calls (default ${DEFAULT-VALUE})")
        int iterations = 2000;

        @Option(names = "--json", description = "end with one line of JSON")
        boolean json;

        @Override
        public Integer call() {
            Map<String, Object> result =
                    ShippedEvaluation.bench(messages == null ? null : Csv.read(messages), iterations);
            Terminal.printFigures(result, json);
            return 0;
        }
    }

    static Map<String, Object> ordered() {
        return new LinkedHashMap<>();
    }
}
