package dev.teller.intents.model;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Keeps trained models on disk, named by the fingerprint of what they were trained from, so that a restart
 * loads the model instead of training it again. Writes are atomic: a crash never leaves half a model.
 */
public final class ModelStore {

    private final Path directory;

    public ModelStore(Path directory) {
        this.directory = directory;
    }

    /** The default folder: {@code TELLER_INTENTS_CACHE}, else {@code ~/.cache/teller/intents}. */
    public static Path defaultDirectory() {
        String configured = System.getProperty("teller.intents.cache", System.getenv("TELLER_INTENTS_CACHE"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "teller", "intents");
    }

    public Path directory() {
        return directory;
    }

    public Path file(String key) {
        return directory.resolve(fileName(key));
    }

    private static String fileName(String key) {
        return "understanding-v" + UnderstandingModel.VERSION + "-" + key + ".bin";
    }

    /** Where the build puts the shipped model inside the jar (see {@code Intents.buildPackagedModel}). */
    public static final String PACKAGED = "/dev/teller/intents/model/packaged/";

    /** The model the build packaged for {@code key}; empty when the jar has none for that key. */
    public static Optional<UnderstandingModel> packaged(String key) {
        String name = PACKAGED + fileName(key);
        try (InputStream raw = ModelStore.class.getResourceAsStream(name)) {
            if (raw == null) {
                return Optional.empty();
            }
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
                return Optional.of(UnderstandingModel.read(in));
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Deletes the models in this folder other than {@code key}'s (left over from older training data). */
    public void removeAllBut(String key) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (var files = Files.list(directory)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith("understanding-") && !name.equals(fileName(key))) {
                    Files.delete(p);
                }
            }
        }
    }

    /** The stored model for {@code key}; empty when there is none or it cannot be read. */
    public Optional<UnderstandingModel> load(String key) {
        Path file = file(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            return Optional.of(UnderstandingModel.read(in));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Stores the model; failures (a read-only disk) are reported, and the model stays usable in memory. */
    public void save(String key, UnderstandingModel model) throws IOException {
        Files.createDirectories(directory);
        Path tmp = Files.createTempFile(directory, "understanding-", ".tmp");
        try {
            try (DataOutputStream out =
                    new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
                model.write(out);
            }
            try {
                Files.move(tmp, file(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file(key), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
