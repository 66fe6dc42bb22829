package dev.teller.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the whole server on a random port against the machine's real PostgreSQL, in a database created for
 * the test class and dropped after it, with a knowledge-base index of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class OnPostgres {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    /**
     * One HTTP call to the server under test, with JSON. {@code credential} is a conversation token (sent as a
     * bearer token), a staff login {@code staff:<user>} (a demo account) or {@code staff:<user>:<password>}
     * (sent with HTTP Basic), or null.
     */
    HttpResponse<String> send(String method, String path, String credential, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json");
        if (credential != null && credential.startsWith("staff:")) {
            String[] parts = credential.split(":", 3);
            String login = parts[1] + ":" + (parts.length == 3 ? parts[2] : DEMO_PASSWORD);
            b.header(
                    "Authorization",
                    "Basic "
                            + java.util.Base64.getEncoder()
                                    .encodeToString(login.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } else if (credential != null) {
            b.header("Authorization", "Bearer " + credential);
        }
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The demo accounts' password for this run. */
    static final String DEMO_PASSWORD = "demo-" + UUID.randomUUID();

    /** Staff logins for {@link #send}: the demo accounts. */
    static final String AGENT = "staff:agent";

    static final String AGENT2 = "staff:agent2";
    static final String SUPERVISOR = "staff:supervisor";
    static final String ADMIN_USER = "staff:admin";

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
        Path index = Files.createTempDirectory("teller-it-index");
        Path articles = Files.createTempDirectory("teller-it-articles");
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:5432/" + DB);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("teller.index", index::toString);
        registry.add("teller.articles", articles::toString);
        registry.add("teller.staff.demo-accounts", () -> "true");
        registry.add("teller.staff.demo-password", () -> DEMO_PASSWORD);
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
