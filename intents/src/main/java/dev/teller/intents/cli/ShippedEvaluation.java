package dev.teller.intents.cli;

import dev.teller.intents.Intents;
import dev.teller.intents.Understander;
import dev.teller.intents.Understanding;
import dev.teller.intents.data.LabeledText;
import dev.teller.intents.eval.Evaluation;
import dev.teller.intents.eval.Scored;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Scores and times the shipped understander (trained only on Teller's own examples). */
final class ShippedEvaluation {

    private ShippedEvaluation() {}

    private static Understander load(Map<String, Object> into) {
        long start = System.nanoTime();
        Understander u = Intents.load(Intents.Config.defaults().withProgress(IntentsCli::progress));
        into.put("load_seconds", round((System.nanoTime() - start) / 1e9));
        return u;
    }

    static Map<String, Object> run(Evaluation.Task task, List<LabeledText> rows) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("task", task.name().toLowerCase(Locale.ROOT));
        r.put("model", "shipped");
        r.put("n", rows.size());
        Understander understander = load(r);
        Scored scored = new Scored();
        int agreeCountingOos = 0;
        long[] times = new long[rows.size()];
        long last = System.nanoTime();
        for (int i = 0; i < rows.size(); i++) {
            LabeledText row = rows.get(i);
            long start = System.nanoTime();
            Understanding u = understander.understand(row.text());
            times[i] = System.nanoTime() - start;
            String label = switch (task) {
                case INTENT ->
                    u.intents().isEmpty()
                            ? Intents.OUT_OF_SCOPE
                            : u.intents().get(0).intent();
                case SENTIMENT -> u.sentiment().label().name().toLowerCase(Locale.ROOT);
                case COMPLAINT -> u.complaint().probability() >= 0.5 ? "complaint" : "not_complaint";
            };
            scored.add(row.label(), label);
            if (task == Evaluation.Task.INTENT && !u.outOfScope() && label.equals(row.label())) {
                agreeCountingOos++;
            }
            if (System.nanoTime() - last > 5_000_000_000L) {
                last = System.nanoTime();
                IntentsCli.progress(String.format(Locale.ROOT, "classified %,d/%,d", i + 1, rows.size()));
            }
        }
        r.put("accuracy", round(scored.accuracy()));
        r.put("macro_f1", round(scored.macroF1()));
        if (task == Evaluation.Task.INTENT) {
            r.put("accuracy_counting_out_of_scope_as_miss", round(agreeCountingOos / (double) rows.size()));
        }
        r.put("p50_ms", round(Scored.percentileMs(times, 0.50)));
        r.put("p99_ms", round(Scored.percentileMs(times, 0.99)));
        return r;
    }

    /** Built-in chat-sized messages for the benchmark, English and Chinese. */
    private static final List<String> SAMPLES = List.of(
            "hi, my new card still hasn't arrived, it's been ten days",
            "How do I change my PIN?",
            "I was charged twice for the same coffee this morning",
            "why is there a fee on my cash withdrawal?",
            "I want to speak to a real person please",
            "my transfer to my landlord is still pending, what's going on?",
            "someone used my card in another country, I didn't make these payments!!",
            "can I top up with Apple Pay",
            "thanks, that solved it",
            "what's the weather like in Paris tomorrow?",
            "This is the third time the app crashed when I try to pay. Useless. I'm going to complain to the regulator.",
            "我的卡丢了，怎么挂失？",
            "转账一直没到账，已经两天了",
            "你好",
            "转人工",
            "我的投诉处理到哪一步了？",
            "为什么取现要收手续费",
            "你们乱扣我200元，我要投诉到银保监会",
            "Apple Pay绑卡失败怎么办",
            "今天天气怎么样");

    static Map<String, Object> bench(List<LabeledText> rows, int iterations) {
        Map<String, Object> r = new LinkedHashMap<>();
        List<String> messages = rows == null
                ? SAMPLES
                : rows.stream()
                        .map(LabeledText::text)
                        .filter(t -> t.length() < 200)
                        .toList();
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("no message under 200 characters to time");
        }
        Understander understander = load(r);
        int warmup = Math.max(200, iterations / 5);
        for (int i = 0; i < warmup; i++) {
            understander.understand(messages.get(i % messages.size()));
        }
        long[] times = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            understander.understand(messages.get(i % messages.size()));
            times[i] = System.nanoTime() - start;
        }
        r.put("messages", messages.size());
        r.put("iterations", iterations);
        r.put("p50_ms", round(Scored.percentileMs(times, 0.50)));
        r.put("p90_ms", round(Scored.percentileMs(times, 0.90)));
        r.put("p99_ms", round(Scored.percentileMs(times, 0.99)));
        r.put("max_ms", round(Scored.percentileMs(times, 1.0)));
        System.gc();
        Runtime rt = Runtime.getRuntime();
        r.put("heap_used_mb", (rt.totalMemory() - rt.freeMemory()) >> 20);
        r.put("resident_mb", residentMb());
        return r;
    }

    /** Resident set size of this process from /proc (Linux), or -1 elsewhere. */
    private static long residentMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
