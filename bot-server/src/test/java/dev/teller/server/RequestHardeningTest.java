package dev.teller.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * What an attacker without a login, or another site's page, can make the server do: no session and no memory for
 * anonymous page requests, every path under the per-address limit, no body over the cap read, no slow header or
 * body holding a connection for long, no state change from another site whatever credentials the caller brings,
 * no forged login, and cookies other sites cannot send (SameSite) or read over plain HTTP (Secure behind HTTPS).
 * Each test speaks from a loopback address of its own, so that the per-address limits of one do not touch another;
 * 127.0.0.1 is the trusted proxy of {@code server.forward-headers-strategy=native}.
 */
@TestPropertySource(properties = "server.forward-headers-strategy=native")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RequestHardeningTest extends OnPostgres {

    /** One request from local address {@code from}, with these headers, and the response as it came. */
    HttpResponse<String> call(String from, String method, String path, Map<String, String> headers, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return ChatClient.http(from).send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String user) {
        return "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString((user + ":" + DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** The sessions Tomcat holds now, from the metrics an admin reads. */
    double sessions() throws Exception {
        String metrics = call(
                        "127.0.0.40", "GET", "/actuator/prometheus", Map.of("Authorization", basic("admin")), null)
                .body();
        Matcher m = Pattern.compile("(?m)^tomcat_sessions_active_current_sessions(?:\\{[^}]*})? (\\S+)$")
                .matcher(metrics);
        assertThat(m.find()).as("Tomcat's session count is in the metrics").isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void anonymousPageRequestsMakeNoSession() throws Exception {
        double before = sessions();
        for (int i = 0; i < 40; i++) {
            for (String path : List.of("/console/", "/dashboard/", "/login", "/", "/api/v1/staff/me")) {
                HttpResponse<String> r = call("127.0.0.41", "GET", path, Map.of("Accept", "text/html"), null);
                assertThat(r.statusCode()).as(path).isIn(200, 302, 401);
                assertThat(r.headers().allValues("Set-Cookie"))
                        .as(path + " makes no session")
                        .noneMatch(c -> c.startsWith("JSESSIONID"));
            }
        }
        // Failed logins make none either, for a name that is no account and for one that is.
        for (String user : List.of("nobody-here", "supervisor", "nobody-here", "supervisor")) {
            Jar jar = new Jar();
            HttpResponse<String> failed = formLogin("127.0.0.41", jar, user, "wrong-Password-8812", true, Map.of());
            assertThat(failed.statusCode()).isEqualTo(302);
            assertThat(failed.headers().firstValue("Location").orElse("")).endsWith("/login?error");
            assertThat(jar.cookies).as("a failed login").doesNotContainKey("JSESSIONID");
        }
        assertThat(sessions())
                .as("200 anonymous page requests and failed logins later")
                .isEqualTo(before);
    }

    @Test
    void everyPathIsUnderThePerAddressLimit() throws Exception {
        for (String path : List.of("/console/", "/widget.js", "/login", "/dashboard/")) {
            String from = "127.0.0."
                    + (42
                            + List.of("/console/", "/widget.js", "/login", "/dashboard/")
                                    .indexOf(path));
            int status = 0;
            for (int i = 0; i < 400 && status != 429; i++) {
                status = call(from, "GET", path, Map.of("Accept", "text/html"), null)
                        .statusCode();
            }
            assertThat(status)
                    .as(path + " is refused once its address passes the limit")
                    .isEqualTo(429);
        }
    }

    /** A raw connection from a local address of its own, to write a request as slowly or oddly as an attacker. */
    Socket raw(String from) throws IOException {
        Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(from), 0);
        s.setSoTimeout(30_000);
        return s;
    }

    /** Writes the head of a POST to the chat's REST channel, with this header saying how its body comes. */
    static OutputStream post(Socket s, String bodyHeader) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(("POST /api/v1/conversations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + bodyHeader + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return out;
    }

    static String head(InputStream in) throws IOException {
        StringBuilder out = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            out.append((char) c);
            if (out.toString().endsWith("\r\n\r\n")) {
                break;
            }
        }
        return out.toString();
    }

    @Test
    void aBodyOverTheCapIsRefusedBeforeItIsRead() throws Exception {
        try (Socket s = raw("127.0.0.50")) {
            // 100 MB declared, one byte sent: the answer comes without the rest.
            OutputStream out = post(s, "Content-Length: 100000000");
            out.write('{');
            out.flush();
            String head = head(s.getInputStream());
            assertThat(head).startsWith("HTTP/1.1 413").containsIgnoringCase("Connection: close");
        }
        try (Socket s = raw("127.0.0.51")) {
            OutputStream out = post(s, "Transfer-Encoding: chunked");
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try {
                for (int i = 0; i < 40; i++) { // 2.5 MB in chunks, over the 1 MB cap
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException closed) {
                // The server may close the connection while more is being sent: what it answered is below.
            }
            assertThat(head(s.getInputStream())).startsWith("HTTP/1.1 413");
        }
        HttpResponse<String> fine = call(
                "127.0.0.52",
                "POST",
                "/api/v1/conversations",
                Map.of("Content-Type", "application/json"),
                "{\"name\":\"" + "a".repeat(150) + "\"}");
        assertThat(fine.statusCode()).as("a body under the cap is served").isEqualTo(201);
    }

    @Test
    void aBodyTricklingInIsCutOff() throws Exception {
        try (Socket s = raw("127.0.0.53")) {
            OutputStream out = post(s, "Content-Length: 1000");
            s.setSoTimeout(1000);
            String head = null;
            // A byte a second, each within the read timeout: only the body's own deadline stops it.
            for (int i = 0; i < 60 && head == null; i++) {
                try {
                    out.write('{');
                    out.flush();
                } catch (IOException closed) {
                    break;
                }
                try {
                    int first = s.getInputStream().read();
                    head = first < 0 ? "closed" : (char) first + head(s.getInputStream());
                } catch (SocketTimeoutException stillWaiting) {
                    // not answered yet
                }
            }
            assertThat(head).as("the server answered before the minute was up").isNotNull();
            assertThat(head).startsWith("HTTP/1.1 408");
        }
    }

    @Test
    void headersTricklingInAreCutOff() throws Exception {
        try (Socket s = raw("127.0.0.54")) {
            OutputStream out = s.getOutputStream();
            out.write("GET /api/v1/articles HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            boolean closed = false;
            s.setSoTimeout(1000);
            // A header line a second (waiting a second for the server to close between them), each within the read
            // timeout: only the headers' deadline stops it.
            for (int i = 0; i < 60 && !closed; i++) {
                try {
                    out.write(("X-Slow-" + i + ": x\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    closed = s.getInputStream().read() < 0;
                } catch (SocketTimeoutException open) {
                    // still open
                } catch (IOException reset) {
                    closed = true;
                }
            }
            assertThat(closed)
                    .as("the connection was closed before its minute of trickling was up")
                    .isTrue();
        }
    }

    @Test
    void anotherSitesRequestIsRefusedWhateverCredentialsItCarries() throws Exception {
        String agent = basic("agent");
        String body = "{\"presence\":\"away\"}";
        String path = "/api/v1/staff/me/presence";
        Map<String, String> json = Map.of("Content-Type", "application/json");
        for (Map<String, String> fromAnotherSite : List.of(
                Map.of("Origin", "http://evil.example"),
                Map.of("Sec-Fetch-Site", "cross-site"),
                Map.of("Sec-Fetch-Site", "same-site", "Origin", "http://shop.localhost:" + port),
                Map.of("Origin", "null"))) {
            Map<String, String> h = new java.util.HashMap<>(json);
            h.putAll(fromAnotherSite);
            h.put("Authorization", agent);
            HttpResponse<String> r = call("127.0.0.55", "POST", path, h, body);
            assertThat(r.statusCode())
                    .as("Basic credentials from " + fromAnotherSite)
                    .isEqualTo(403);
        }
        Map<String, String> program = new java.util.HashMap<>(json);
        program.put("Authorization", agent);
        assertThat(call("127.0.0.55", "POST", path, program, body).statusCode())
                .as("a program (no Origin, no Sec-Fetch-Site)")
                .isEqualTo(200);
        Map<String, String> ownPage = new java.util.HashMap<>(program);
        ownPage.put("Origin", "http://localhost:" + port);
        ownPage.put("Sec-Fetch-Site", "same-origin");
        assertThat(call("127.0.0.55", "POST", path, ownPage, body).statusCode())
                .as("the server's own page")
                .isEqualTo(200);
        assertThat(call("127.0.0.55", "POST", path, json, body).statusCode())
                .as("no credentials at all: a login is what is missing")
                .isEqualTo(401);
    }

    /** A browser's cookie jar of one: what the server set, sent back by name. */
    static final class Jar {
        final Map<String, String> cookies = new java.util.LinkedHashMap<>();
        final List<String> setCookies = new java.util.ArrayList<>();

        void take(HttpResponse<?> r) {
            for (String c : r.headers().allValues("Set-Cookie")) {
                setCookies.add(c);
                String pair = c.split(";", 2)[0];
                cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }

        String header() {
            return String.join(
                    "; ",
                    cookies.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .toList());
        }
    }

    /** Logs in through the form as {@code user}, with the login page's CSRF token when {@code withToken}. */
    HttpResponse<String> formLogin(String from, Jar jar, String user, boolean withToken, Map<String, String> extra)
            throws Exception {
        return formLogin(from, jar, user, DEMO_PASSWORD, withToken, extra);
    }

    HttpResponse<String> formLogin(
            String from, Jar jar, String user, String password, boolean withToken, Map<String, String> extra)
            throws Exception {
        HttpResponse<String> page = call(from, "GET", "/login", extra, null);
        jar.take(page);
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
        String form = "username=" + user + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + (withToken ? "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8) : "");
        Map<String, String> h = new java.util.HashMap<>(extra);
        h.put("Content-Type", "application/x-www-form-urlencoded");
        if (!jar.cookies.isEmpty()) {
            h.put("Cookie", jar.header());
        }
        HttpResponse<String> r = call(from, "POST", "/login", h, form);
        jar.take(r);
        return r;
    }

    @Test
    void aForgedLoginIsRefused() throws Exception {
        HttpClient plain = ChatClient.http("127.0.0.56");
        String form = "username=agent&password=" + URLEncoder.encode(DEMO_PASSWORD, StandardCharsets.UTF_8);
        HttpResponse<String> forged = plain.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Origin", "http://evil.example")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode())
                .as("a login posted without the form's token")
                .isEqualTo(403);
        assertThat(forged.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID"));

        Jar jar = new Jar();
        HttpResponse<String> noToken = formLogin("127.0.0.56", jar, "agent", false, Map.of());
        assertThat(noToken.statusCode())
                .as("the login page's cookie without its token")
                .isEqualTo(403);

        Jar real = new Jar();
        HttpResponse<String> ok = formLogin("127.0.0.56", real, "agent", true, Map.of());
        assertThat(ok.statusCode()).isEqualTo(302);
        assertThat(ok.headers().firstValue("Location").orElse("")).doesNotContain("error");
        assertThat(real.cookies).containsKey("JSESSIONID");
    }

    @Test
    void cookiesAreSameSiteAndSecureBehindHttps() throws Exception {
        Jar plain = new Jar();
        assertThat(formLogin("127.0.0.57", plain, "agent", true, Map.of()).statusCode())
                .isEqualTo(302);
        assertThat(plain.setCookies).isNotEmpty().allMatch(c -> c.contains("SameSite=Lax"), "SameSite=Lax");
        assertThat(plain.setCookies)
                .filteredOn(c -> c.startsWith("JSESSIONID"))
                .singleElement()
                .satisfies(c -> assertThat(c).contains("HttpOnly").doesNotContain("Secure"));

        // Through a TLS proxy (127.0.0.1 is trusted to say so), the session cookie is never sent over plain HTTP.
        Jar https = new Jar();
        Map<String, String> proxy = Map.of("X-Forwarded-Proto", "https", "X-Forwarded-For", "198.51.100.7");
        assertThat(formLogin("127.0.0.1", https, "agent", true, proxy).statusCode())
                .isEqualTo(302);
        assertThat(https.setCookies)
                .filteredOn(c -> c.startsWith("JSESSIONID"))
                .singleElement()
                .satisfies(c -> assertThat(c)
                        .contains("Secure")
                        .contains("SameSite=Lax")
                        .contains("HttpOnly"));
    }
}
