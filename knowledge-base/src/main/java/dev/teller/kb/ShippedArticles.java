package dev.teller.kb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/** The articles that ship inside this library (Teller's own, en and zh), as a folder path. */
final class ShippedArticles {

    private ShippedArticles() {}

    static Path extract() {
        URL facts = ShippedArticles.class.getResource("articles/FACTS.md");
        if (facts == null) {
            throw new IllegalStateException("the shipped articles are missing from the class path");
        }
        try {
            URI uri = facts.toURI();
            if ("jar".equals(uri.getScheme())) {
                try {
                    FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    // opened before
                }
            }
            return Path.of(uri).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped articles", e);
        }
    }
}
