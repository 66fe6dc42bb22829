package dev.teller.kb.cli;

import dev.teller.kb.KnowledgeBase;
import java.nio.file.Path;

/**
 * Build step (run by Maven after compiling): indexes the shipped articles into the classes folder, so the jar
 * carries a ready index and Teller's first start does not build one.
 */
public final class PackageIndex {

    private PackageIndex() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: PackageIndex CLASSES_FOLDER");
            System.exit(2);
        }
        KnowledgeBase.buildPackagedIndex(
                Path.of(args[0]).resolve("dev/teller/kb/packaged-index"), line -> System.err.println("[kb] " + line));
    }
}
