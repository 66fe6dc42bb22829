package dev.teller.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The security headers over real HTTP, on every kind of response the server gives: its pages (the demo page, the
 * login form, the console and the dashboard), the widget script, API answers and refusals, errors and a refused
 * WebSocket handshake. And the pages need nothing the content security policy forbids.
 */
class SecurityHeadersTest extends OnPostgres {

    static final String FROM = "127.0.0.32";

    HttpResponse<String> get(String path, String basicLogin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (basicLogin != null) {
            b.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(basicLogin.getBytes()));
        }
        return ChatClient.http(FROM).send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return ChatClient.http(FROM).send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    void hasSecurityHeaders(String what, Map<String, List<String>> headers) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        headers.forEach((k, v) -> h.put(k.toLowerCase(java.util.Locale.ROOT), v));
        assertThat(h.get("x-content-type-options")).as(what).containsExactly("nosniff");
        assertThat(h.get("x-frame-options")).as(what).containsExactly("DENY");
        assertThat(h.get("referrer-policy")).as(what).containsExactly("no-referrer");
        assertThat(h.get("content-security-policy")).as(what).hasSize(1);
        String csp = h.get("content-security-policy").get(0);
        assertThat(csp)
                .as(what)
                .contains("default-src 'self'")
                .contains("script-src 'self';")
                .contains("frame-ancestors 'none'")
                .contains("object-src 'none'")
                .contains("connect-src 'self' ws://127.0.0.1:" + port + " wss://127.0.0.1:" + port)
                .doesNotContain("unsafe-eval");
        assertThat(csp.replaceAll("style-src [^;]*;", ""))
                .as(what + ": inline code is allowed for styles only")
                .doesNotContain("unsafe-inline");
        assertThat(h).as(what + ": no HSTS over plain HTTP").doesNotContainKey("strict-transport-security");
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        Map<String, HttpResponse<String>> responses = new LinkedHashMap<>();
        responses.put("the demo page", get("/", null));
        responses.put("the widget script", get("/widget.js", null));
        responses.put("the login form", get("/login", null));
        responses.put("the console, logged out (a redirect)", get("/console/", null));
        responses.put("the console", get("/console/", "agent:" + DEMO_PASSWORD));
        responses.put("the dashboard", get("/dashboard/", "supervisor:" + DEMO_PASSWORD));
        responses.put("an unknown page", get("/no-such-page", null));
        responses.put("health", get("/actuator/health", null));
        HttpResponse<String> started = post("/api/v1/conversations", null, "{}");
        responses.put("a new conversation", started);
        var chat = JSON.readTree(started.body());
        String messages = "/api/v1/conversations/" + chat.get("conversationId").asString() + "/messages";
        responses.put(
                "a message",
                post(
                        messages,
                        chat.get("token").asString(),
                        "{\"text\":\"how do I change my PIN\",\"clientMessageId\":\"h1\"}"));
        responses.put(
                "a conversation read",
                ChatClient.http(FROM)
                        .send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + messages))
                                        .header(
                                                "Authorization",
                                                "Bearer " + chat.get("token").asString())
                                        .build(),
                                HttpResponse.BodyHandlers.ofString()));
        responses.put("no token", get(messages, null));
        responses.put("a staff API without login", get("/api/v1/staff/me", null));
        responses.put("an article", get("/api/v1/articles/en-card-arrival", null));
        assertThat(responses.get("the demo page").statusCode()).isEqualTo(200);
        assertThat(responses.get("the console").statusCode()).isEqualTo(200);
        assertThat(responses.get("the dashboard").statusCode()).isEqualTo(200);
        assertThat(responses.get("a message").statusCode()).isEqualTo(200);
        assertThat(responses.get("no token").statusCode()).isEqualTo(401);
        assertThat(responses.get("an unknown page").statusCode()).isEqualTo(404);
        responses.forEach((what, r) -> hasSecurityHeaders(
                what + " (" + r.statusCode() + ")", r.headers().map()));

        for (String what : List.of("a new conversation", "a message", "a conversation read", "no token")) {
            assertThat(responses.get(what).headers().firstValue("Cache-Control").orElse(""))
                    .as(what + ": conversation data is never stored by a cache")
                    .contains("no-store");
            assertThat(responses.get(what).headers().firstValue("Content-Type").orElse(""))
                    .as(what)
                    .matches("application/(problem\\+)?json.*");
        }

        ChatClient.RawResponse refused = ChatClient.upgrade(port, FROM, Map.of("Origin", "https://evil.example"));
        assertThat(refused.status()).isEqualTo(403);
        Map<String, List<String>> raw = new LinkedHashMap<>();
        refused.headers().forEach((k, v) -> raw.put(k, List.of(v)));
        hasSecurityHeaders("a refused handshake", raw);
    }

    static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    static final Pattern HANDLER = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    static final Pattern FOREIGN = Pattern.compile(
            "(?:src|href|action)\\s*=\\s*[\"']?(?:https?:)?//(?!127\\.0\\.0\\.1|localhost)", Pattern.CASE_INSENSITIVE);
    static final Pattern JAVASCRIPT_URL = Pattern.compile("=\\s*[\"']?javascript:", Pattern.CASE_INSENSITIVE);

    @Test
    void thePagesNeedNothingThePolicyForbids() throws Exception {
        List<String> found = new ArrayList<>();
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("/", get("/", null).body());
        pages.put("/login", get("/login", null).body());
        pages.put("/console/", get("/console/", "agent:" + DEMO_PASSWORD).body());
        pages.put(
                "/dashboard/", get("/dashboard/", "supervisor:" + DEMO_PASSWORD).body());
        pages.forEach((page, html) -> {
            assertThat(html).as(page).containsIgnoringCase("<html");
            for (Pattern p : List.of(INLINE_SCRIPT, HANDLER, FOREIGN, JAVASCRIPT_URL)) {
                Matcher m = p.matcher(html);
                while (m.find()) {
                    found.add(page + ": " + m.group());
                }
            }
        });
        assertThat(found)
                .as("inline scripts, event handler attributes, javascript: URLs and other hosts' resources")
                .isEmpty();
    }
}
