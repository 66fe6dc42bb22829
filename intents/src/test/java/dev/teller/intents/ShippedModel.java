package dev.teller.intents;

import java.nio.file.Path;

/** The shipped understander, loaded once for all tests (trained on first use, cached under target/). */
final class ShippedModel {

    private static Understander understander;

    private ShippedModel() {}

    static synchronized Understander get() {
        if (understander == null) {
            understander = Intents.load(Intents.Config.defaults()
                    .withCacheDirectory(Path.of("target", "model-cache"))
                    .withExtraIntentCsv(java.util.List.of())
                    .withProgress(line -> System.err.println("[intents] " + line)));
        }
        return understander;
    }
}
