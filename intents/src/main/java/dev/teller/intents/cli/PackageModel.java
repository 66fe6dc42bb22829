package dev.teller.intents.cli;

import dev.teller.intents.Intents;
import dev.teller.intents.model.ModelStore;
import java.nio.file.Path;

/**
 * Build step (run by Maven after compiling): trains the shipped intents model into the classes folder, so the
 * jar carries it and the first start of Teller does not train for a minute.
 */
public final class PackageModel {

    private PackageModel() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: PackageModel CLASSES_FOLDER");
            System.exit(2);
        }
        Path folder = Path.of(args[0]).resolve(ModelStore.PACKAGED.substring(1));
        Intents.buildPackagedModel(
                folder, ModelStore.defaultDirectory(), line -> System.err.println("[intents] " + line));
    }
}
