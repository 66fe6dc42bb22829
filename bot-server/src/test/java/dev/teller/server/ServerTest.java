package dev.teller.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teller.server.security.TestStaff;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every test of the running server uses: its port, JSON, and HTTP calls as a customer or a member of staff
 * (the accounts are made by {@link TestStaff} where a test sets {@code teller.test.staff-password}).
 */
@Import(TestStaff.class)
abstract class ServerTest {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    /**
     * Waits until the after-commit listeners have handled every event published so far (routing a complaint,
     * marking a breach, scheduling follow-ups): each publication stays in the event registry until handled.
     */
    void eventsHandled() {
        JdbcClient db = JdbcClient.create(dataSource);
        Awaitility.await("the event registry empty")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> db.sql("SELECT count(*) FROM event_publication")
                                .query(Long.class)
                                .single()
                        == 0);
    }

    /**
     * One HTTP call to the server under test, with JSON. {@code credential} is a conversation token (sent as a
     * bearer token), a staff login {@code staff:<user>} (a test account, with {@link #DEMO_PASSWORD}) or {@code staff:<user>:<password>}
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

    /** An HTTP client that keeps cookies, as a browser does: a session after {@link #formLogin}. */
    static HttpClient cookieClient() {
        return HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager())
                .build();
    }

    /**
     * Logs in through the form at /login as a browser would (the form's CSRF token included); the form's answer, a
     * redirect: to {@code /login?error} when the login was refused.
     */
    HttpResponse<String> formLogin(HttpClient browser, String username, String password) throws Exception {
        URI login = URI.create("http://localhost:" + port + "/login");
        String page = browser.send(HttpRequest.newBuilder(login).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"")
                .matcher(page);
        assertThat(csrf.find()).as("the form carries a CSRF token").isTrue();
        String form = "username=" + java.net.URLEncoder.encode(username, java.nio.charset.StandardCharsets.UTF_8)
                + "&password=" + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8)
                + "&_csrf=" + csrf.group(1);
        return browser.send(
                HttpRequest.newBuilder(login)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The password of the staff accounts the tests log in with (the demo accounts' on the embedded default). */
    static final String DEMO_PASSWORD = "demo-" + UUID.randomUUID();

    /** Staff logins for {@link #send}: the accounts every test may use (the demo accounts' names). */
    static final String AGENT = "staff:agent";

    static final String AGENT2 = "staff:agent2";
    static final String SUPERVISOR = "staff:supervisor";
    static final String ADMIN_USER = "staff:admin";

    /** A conversation as a customer holds it. */
    record Chat(String id, String token) {}

    /** Starts a conversation with this body (or none) and returns its id and token. */
    Chat startChat(String body) throws Exception {
        JsonNode c =
                JSON.readTree(send("POST", "/api/v1/conversations", null, body).body());
        return new Chat(c.get("conversationId").asString(), c.get("token").asString());
    }

    /** The number of the complaint ticket that one of these messages announces. */
    static String ticketNumber(java.util.stream.Stream<JsonNode> messages) {
        return messages.filter(m -> m.path("meta").has("ticket"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no message announces a ticket"))
                .get("meta")
                .get("ticket")
                .get("number")
                .asString();
    }

    /** Sends a customer message over REST, expects 200, and returns what it caused. */
    List<JsonNode> post(Chat c, String text) throws Exception {
        HttpResponse<String> r = send(
                "POST",
                "/api/v1/conversations/" + c.id() + "/messages",
                c.token(),
                JSON.writeValueAsString(Map.of("text", text)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("messages").valueStream().toList();
    }
}
