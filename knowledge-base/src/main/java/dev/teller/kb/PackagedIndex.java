package dev.teller.kb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The index of the shipped articles, built at build time and carried in the jar, so that a first start copies
 * it instead of embedding every phrasing and training the classifier (about ten seconds). It is only a head
 * start: the index then syncs with the articles it is opened on, as any index does, re-indexing what differs.
 */
final class PackagedIndex {

    static final String RESOURCE = "/dev/teller/kb/packaged-index/";
    static final String LISTING = "files.txt";

    private PackagedIndex() {}

    /** Copies the packaged index into {@code folder} when it has no index yet; false when nothing was copied. */
    static boolean seed(Path folder, Consumer<String> progress) {
        if (Files.exists(folder.resolve("lucene"))) {
            return false;
        }
        List<String> files;
        try (InputStream in = PackagedIndex.class.getResourceAsStream(RESOURCE + LISTING)) {
            if (in == null) {
                return false;
            }
            files = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .filter(l -> !l.isBlank())
                    .toList();
        } catch (IOException e) {
            return false;
        }
        try {
            for (String name : files) {
                Path to = folder.resolve(name).normalize();
                if (!to.startsWith(folder)) {
                    continue;
                }
                try (InputStream in = PackagedIndex.class.getResourceAsStream(RESOURCE + name)) {
                    if (in == null) {
                        throw new IOException("the jar lacks " + name);
                    }
                    Files.createDirectories(to.getParent());
                    Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            progress.accept("started the index in " + folder + " from the one built with Teller");
            return true;
        } catch (IOException e) {
            progress.accept("could not copy the packaged index (" + e.getMessage() + "); building it instead");
            wipe(folder.resolve("lucene"));
            return false;
        }
    }

    /** Build step: indexes the shipped articles into {@code folder} and lists its files for {@link #seed}. */
    static void build(Path folder, Consumer<String> progress) {
        try (KnowledgeBase kb =
                KnowledgeBase.open(KnowledgeBase.Config.of(null, folder).withProgress(progress))) {
            progress.accept("indexed " + kb.articles().size() + " shipped articles into " + folder);
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            List<String> names = walk.filter(Files::isRegularFile)
                    .map(p -> folder.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> !n.equals(LISTING) && !n.endsWith("write.lock") && !n.endsWith(".tmp"))
                    .sorted()
                    .toList();
            Files.writeString(folder.resolve(LISTING), String.join("\n", names) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the packaged index in " + folder, e);
        }
    }

    private static void wipe(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // the index is rebuilt from the articles if what is left cannot be read
        }
    }
}
