package dev.teller.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runs the whole server on a random port against the machine's real PostgreSQL, in a database created for
 * the test class and dropped after it, with a knowledge-base index of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class OnPostgres extends ServerTest {

    static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    static final String DB =
            "teller_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        // Test classes share one Spring context and so one database: created once, dropped when the JVM ends
        // (after the last class that may still be using the cached context).
        synchronized (OnPostgres.class) {
            try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", "");
                    var exists = c.createStatement()
                            .executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DB + "'")) {
                if (!exists.next()) {
                    c.createStatement().execute("CREATE DATABASE " + DB);
                    Runtime.getRuntime().addShutdownHook(new Thread(OnPostgres::dropDatabase));
                }
            }
        }
        register(registry, DB);
    }

    /**
     * Points a server under test at database {@code db}, with an index and articles of its own, and the staff
     * accounts the tests log in with: the admin made as the first admin is in production
     * ({@code teller.staff.admin-*}), the others by {@link dev.teller.server.security.TestStaff}, all with
     * {@link #DEMO_PASSWORD}.
     */
    static void register(DynamicPropertyRegistry registry, String db) throws Exception {
        server(registry, db);
        registry.add("teller.staff.admin-username", () -> "admin");
        registry.add("teller.staff.admin-password", () -> DEMO_PASSWORD);
        registry.add("teller.test.staff-password", () -> DEMO_PASSWORD);
    }

    /** Points a server under test at database {@code db}, with an index and articles of its own; no accounts. */
    static void server(DynamicPropertyRegistry registry, String db) throws Exception {
        Path index = Files.createTempDirectory("teller-it-index");
        Path articles = Files.createTempDirectory("teller-it-articles");
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:5432/" + db);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("teller.index", index::toString);
        registry.add("teller.articles", articles::toString);
        // WidgetBrowserTest puts the widget on pages opened from files, whose origin Chromium sends as "file://"
        // (or "null"); in production no page of another origin may open the chat unless teller.allowed-origins
        // names it. Set as an operator would (the environment variable), so that a test class can still set
        // teller.allowed-origins.
        registry.add("TELLER_ALLOWED_ORIGINS", () -> "file://,null");
    }

    /**
     * Creates a database {@code <prefix>_<random>} for one test class that wants no other test's data beside its own;
     * it is dropped when the JVM ends.
     */
    static String ownDatabase(String prefix) throws SQLException {
        String db = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", "")) {
            c.createStatement().execute("CREATE DATABASE " + db);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", "")) {
                c.createStatement().execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            } catch (SQLException e) {
                System.err.println("could not drop " + db + ": " + e.getMessage());
            }
        }));
        return db;
    }

    static void dropDatabase() {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", "")) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop the test database " + DB + ": " + e.getMessage());
        }
    }

    static Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + DB, "postgres", "");
    }
}
