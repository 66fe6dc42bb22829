package dev.teller.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** A test of pages in a real headless Chromium against the server on PostgreSQL; skipped where it is missing. */
abstract class InChromium extends OnPostgres {

    final Chromium chromium = new Chromium();

    @BeforeAll
    static void needsChromium() throws Exception {
        Chromium.required();
    }

    @AfterEach
    void quit() {
        chromium.quitAll();
    }
}
