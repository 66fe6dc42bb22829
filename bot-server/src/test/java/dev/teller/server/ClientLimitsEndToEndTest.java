package dev.teller.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The per-address and per-connection limits over real HTTP and WebSocket, with small limits so that each is reached
 * in a few requests, behind a "proxy": the test's own 127.0.0.1 is the only trusted one (its X-Forwarded-For names
 * the client), any other loopback address is a client whose X-Forwarded-For is ignored. Every test names client
 * addresses of its own. The server of this class is closed afterwards (its limits are not the shipped ones).
 */
@TestPropertySource(
        properties = {
            "server.forward-headers-strategy=native",
            "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1",
            "teller.limits.requests-per-second-per-ip=5",
            "teller.limits.request-burst-per-ip=10",
            "teller.limits.connections-per-ip=3",
            "teller.limits.frames-per-second=5",
            "teller.limits.frame-burst=10",
            "teller.limits.flood-tolerance=40",
            "teller.allowed-origins=https://www.bank.example, https://*.bank.example"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ClientLimitsEndToEndTest extends OnPostgres {

    final List<ChatClient> open = new ArrayList<>();

    @AfterEach
    void closeAll() {
        open.forEach(ChatClient::abort);
    }

    ChatClient connect(String forwardedFor) {
        ChatClient c = ChatClient.open(port, "127.0.0.1", Map.of("X-Forwarded-For", forwardedFor))
                .join();
        open.add(c);
        return c;
    }

    /** GET {@code path} from local address {@code from} (the trusted proxy is 127.0.0.1), with these headers. */
    HttpResponse<String> get(String from, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        headers.forEach(b::header);
        return ChatClient.http(from).send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> asClient(String clientIp) throws Exception {
        return get("127.0.0.1", "/api/v1/articles/en-card-arrival", Map.of("X-Forwarded-For", clientIp));
    }

    @Test
    void anAddressOverItsRequestRateGets429WithRetryAfterAndOthersAreServed() throws Exception {
        long start = System.nanoTime();
        int served = 0;
        HttpResponse<String> refused = null;
        for (int i = 0; i < 60 && refused == null; i++) {
            HttpResponse<String> r = asClient("203.0.113.10");
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertThat(r.statusCode()).isEqualTo(200);
                served++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(refused).as("refused within 60 quick requests").isNotNull();
        assertThat(served).as("the burst of 10, and 5 a second after it").isBetween(10, 10 + (int) (5 * seconds) + 1);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1L, 2L);
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("detail").asString()).contains("Retry-After");
        assertThat(refused.headers().firstValue("X-Content-Type-Options"))
                .as("a refusal carries the security headers too")
                .contains("nosniff");

        assertThat(asClient("203.0.113.11").statusCode()).as("another address").isEqualTo(200);
        ChatClient.RawResponse handshake =
                ChatClient.upgrade(port, "127.0.0.1", Map.of("X-Forwarded-For", "203.0.113.10"));
        assertThat(handshake.status()).as("a handshake counts as a request").isEqualTo(429);
        assertThat(handshake.headers()).containsKey("retry-after");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        HttpResponse<String> later;
        do {
            assertThat(System.nanoTime()).as("served again within 10 s").isLessThan(deadline);
            later = asClient("203.0.113.10");
        } while (later.statusCode() == 429);
        assertThat(later.statusCode()).isEqualTo(200);

        int pageStatus = 0;
        for (int i = 0; i < 60 && pageStatus != 429; i++) {
            pageStatus = get("127.0.0.1", "/", Map.of("X-Forwarded-For", "203.0.113.12"))
                    .statusCode();
        }
        assertThat(pageStatus)
                .as("pages count too: every path is under the limit")
                .isEqualTo(429);
    }

    @Test
    void aClientCannotEscapeItsLimitByForgingXForwardedFor() throws Exception {
        // 127.0.0.42 is not a trusted proxy: its X-Forwarded-For is ignored and every request counts against it.
        int refused = 0;
        for (int i = 0; i < 40; i++) {
            HttpResponse<String> r =
                    get("127.0.0.42", "/api/v1/articles/en-card-arrival", Map.of("X-Forwarded-For", "198.18.0." + i));
            refused += r.statusCode() == 429 ? 1 : 0;
        }
        assertThat(refused).isPositive();
        assertThat(asClient("198.18.0.39").statusCode())
                .as("the forged addresses were never charged")
                .isEqualTo(200);
    }

    @Test
    void anAddressMayHoldOnlyItsShareOfChatConnections() throws Exception {
        for (int i = 0; i < 3; i++) {
            ChatClient c = connect("192.0.2.20");
            c.send(Map.of("type", "ping"));
            assertThat(c.next().get("type").asString()).isEqualTo("pong");
        }
        ChatClient.RawResponse fourth = ChatClient.upgrade(port, "127.0.0.1", Map.of("X-Forwarded-For", "192.0.2.20"));
        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.headers().get("content-type")).startsWith("application/problem+json");
        assertThat(fourth.headers()).containsKey("retry-after");
        assertThat(JSON.readTree(fourth.body()).get("title").asString()).isEqualTo("Too many connections");
        assertThat(ChatClient.handshakeStatus(
                        ChatClient.open(port, "127.0.0.1", Map.of("X-Forwarded-For", "192.0.2.21"))))
                .as("another address")
                .isEqualTo(101);

        open.get(0).socket.sendClose(1000, "bye").join();
        assertThat(open.get(0).closed.get(30, TimeUnit.SECONDS)).isEqualTo(1000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int status;
        do {
            assertThat(System.nanoTime())
                    .as("a place is free again within 10 s")
                    .isLessThan(deadline);
            status = ChatClient.handshakeStatus(
                    ChatClient.open(port, "127.0.0.1", Map.of("X-Forwarded-For", "192.0.2.20")));
        } while (status == 429);
        assertThat(status).isEqualTo(101);
    }

    @Test
    void everyFrameCountsAFrameOverTheLimitIsDroppedAndAFloodIsClosedWith1008() throws Exception {
        ChatClient c = connect("192.0.2.30");
        long start = System.nanoTime();
        for (int i = 0; i < 40; i++) {
            c.send(i % 2 == 0 ? "{\"type\":\"ping\"}" : "not json");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int answered = 0;
        int limited = 0;
        for (int i = 0; i < 40; i++) {
            JsonNode f = c.next();
            if (f.path("code").asString().equals("rate_limited")) {
                limited++;
                assertThat(f.get("message").asString()).contains("frames a second");
            } else {
                assertThat(f.get("type").asString()).isIn("pong", "error");
                answered++;
            }
        }
        assertThat(answered).as("the burst of 10, and 5 a second after it").isBetween(10, 10 + (int) (5 * seconds) + 1);
        assertThat(limited).isEqualTo(40 - answered);

        // Keeps flooding: after 40 more dropped frames than the rate forgives, the connection is closed.
        try {
            for (int i = 0; i < 500 && !c.closed.isDone(); i++) {
                c.send("{\"type\":\"ping\"}");
            }
        } catch (RuntimeException e) {
            // the server closed the connection while we were sending
        }
        assertThat(c.closed.get(30, TimeUnit.SECONDS)).isEqualTo(1008);
        double flooding = (System.nanoTime() - start) / 1e9;
        for (String f = c.frames.poll(); f != null; f = c.frames.poll()) {
            limited += JSON.readTree(f).path("code").asString().equals("rate_limited") ? 1 : 0;
        }
        assertThat(limited)
                .as("frames dropped before the close: the tolerance of 40, and what the rate forgave meanwhile")
                .isBetween(40, 40 + (int) (5 * flooding) + 1);

        ChatClient other = connect("192.0.2.31");
        other.send(Map.of("type", "ping"));
        assertThat(other.next().get("type").asString())
                .as("other connections carry on")
                .isEqualTo("pong");
    }

    @Test
    void theBanksConfiguredOriginsMayConnectAndLookalikesMayNot() throws Exception {
        for (String origin : List.of("https://www.bank.example", "https://chat.bank.example")) {
            assertThat(ChatClient.handshakeStatus(ChatClient.open(
                            port, "127.0.0.1", Map.of("Origin", origin, "X-Forwarded-For", "192.0.2.40"))))
                    .as(origin)
                    .isEqualTo(101);
        }
        for (String origin : List.of(
                "http://www.bank.example",
                "https://bank.example.evil.example",
                "https://evilbank.example",
                "null",
                "file://")) {
            assertThat(ChatClient.handshakeStatus(ChatClient.open(
                            port, "127.0.0.1", Map.of("Origin", origin, "X-Forwarded-For", "192.0.2.41"))))
                    .as(origin)
                    .isEqualTo(403);
        }
    }

    @Test
    void behindATlsProxyTheServerAsksForHttpsFromNowOn() throws Exception {
        HttpResponse<String> secure =
                get("127.0.0.1", "/", Map.of("X-Forwarded-For", "192.0.2.50", "X-Forwarded-Proto", "https"));
        assertThat(secure.headers().firstValue("Strict-Transport-Security").orElse(""))
                .contains("max-age=");
        HttpResponse<String> plain = get("127.0.0.1", "/", Map.of("X-Forwarded-For", "192.0.2.50"));
        assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(ChatClient.handshakeStatus(ChatClient.open(
                        port,
                        "127.0.0.1",
                        Map.of(
                                "Origin",
                                "https://127.0.0.1",
                                "X-Forwarded-For",
                                "192.0.2.51",
                                "X-Forwarded-Proto",
                                "https"))))
                .as("the page behind the proxy is the server's own origin")
                .isEqualTo(101);
    }
}
