package dev.teller.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The chat socket's handshake and frames: which pages may open it (its own origin and apps; no other page, the
 * tests' server allowing only pages opened from files, for the widget's browser test), and how big a frame may be. Each test runs
 * from a loopback address of its own, so that the per-address limits it uses are its own.
 */
class ChatSocketSecurityTest extends OnPostgres {

    static final String FROM = "127.0.0.31";
    final List<ChatClient> open = new ArrayList<>();

    @AfterEach
    void closeAll() {
        open.forEach(ChatClient::abort);
    }

    ChatClient connect() {
        ChatClient c = ChatClient.connect(port, FROM);
        open.add(c);
        return c;
    }

    @Test
    void theServersOwnPagesAndAppsMayConnectButNoOtherPage() throws Exception {
        String self = "http://127.0.0.1:" + port;
        assertThat(ChatClient.handshakeStatus(ChatClient.open(port, FROM, Map.of("Origin", self))))
                .as("the demo page, console and dashboard: same origin")
                .isEqualTo(101);
        assertThat(ChatClient.handshakeStatus(ChatClient.open(port, FROM, Map.of())))
                .as("an app: no Origin header")
                .isEqualTo(101);
        for (String foreign : List.of(
                "https://evil.example",
                "http://127.0.0.1:" + (port + 1),
                "https://127.0.0.1:" + port,
                "http://localhost",
                "http://127.0.0.1:" + port + ".evil.example")) {
            assertThat(ChatClient.handshakeStatus(ChatClient.open(port, FROM, Map.of("Origin", foreign))))
                    .as(foreign)
                    .isEqualTo(403);
        }
        ChatClient.RawResponse refused = ChatClient.upgrade(port, FROM, Map.of("Origin", "https://evil.example"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.headers().get("content-type")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("status").asInt()).isEqualTo(403);
        assertThat(problem.get("detail").asString()).contains("teller.allowed-origins");
        assertThat(refused.headers()).as("no upgrade happened").doesNotContainKey("sec-websocket-accept");
        assertThat(ChatClient.upgrade(port, FROM, Map.of("Origin", self)).status())
                .isEqualTo(101);
        assertThat(ChatClient.upgrade(port, FROM, Map.of("Origin", "file://")).status())
                .as("the tests' own allowance, for the widget on pages opened from files")
                .isEqualTo(101);
    }

    @Test
    void aFrameUpTo64kCharactersIsReadAndALargerOneClosesTheConnectionWith1009() throws Exception {
        ChatClient c = connect();
        c.send(Map.of("type", "hello"));
        assertThat(c.next().get("type").asString()).isEqualTo("welcome");
        // {"type":"message","text":"xxx…"}: just under 64 kB is read, and refused for its text (over 2,000 chars).
        String head = "{\"type\":\"message\",\"text\":\"";
        c.send(head + "x".repeat(64 * 1024 - head.length() - 2) + "\"}");
        JsonNode refused = c.next();
        assertThat(refused.get("code").asString()).isEqualTo("invalid_message");
        assertThat(refused.get("message").asString()).contains("2000");
        c.send(Map.of("type", "ping"));
        assertThat(c.next().get("type").asString()).isEqualTo("pong");
        // One byte over 64 kB: the connection is closed as "message too big".
        c.socket.sendText(head + "x".repeat(64 * 1024 - head.length() - 1) + "\"}", true);
        assertThat(c.closed.get(30, TimeUnit.SECONDS)).isEqualTo(1009);
    }

    /** The limit is on bytes: 30,000 Chinese characters are 90 kB in UTF-8, though far fewer than 64k characters. */
    @Test
    void aFrameOver64kBytesOfFewerCharactersClosesTheConnectionWith1009() throws Exception {
        ChatClient c = connect();
        c.send(Map.of("type", "hello"));
        assertThat(c.next().get("type").asString()).isEqualTo("welcome");
        String frame = "{\"type\":\"message\",\"text\":\"" + "中".repeat(30_000) + "\"}";
        assertThat(frame.length()).isLessThan(64 * 1024);
        assertThat(frame.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isGreaterThan(64 * 1024);
        c.socket.sendText(frame, true);
        assertThat(c.closed.get(30, TimeUnit.SECONDS)).isEqualTo(1009);
    }
}
