package dev.teller.intents.data;

import java.nio.file.Path;

/** A training or test file that cannot be used, with the file and the reason. */
public final class DataFileException extends RuntimeException {

    public DataFileException(Path file, String reason) {
        super(file + ": " + reason);
    }

    public DataFileException(String source, String reason) {
        super(source + ": " + reason);
    }
}
