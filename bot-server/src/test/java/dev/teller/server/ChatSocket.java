package dev.teller.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * A customer's real WebSocket connection to {@code /ws/chat} (the JDK's client) that queues every frame it gets; or,
 * with a path and headers, a staff page's to {@code /ws/staff}.
 */
final class ChatSocket extends TextFrames implements AutoCloseable {

    final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    String conversationId;
    String token;

    /** Connects to the server at {@code baseUrl} (http://host:port). */
    ChatSocket(String baseUrl) {
        this(baseUrl, "/ws/chat", Map.of());
    }

    /** Connects to {@code path} of the server at {@code baseUrl}, sending these headers with the handshake. */
    ChatSocket(String baseUrl, String path, Map<String, String> headers) {
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(b::header);
        socket = b.buildAsync(URI.create(baseUrl.replaceFirst("^http", "ws") + path), this)
                .join();
    }

    /** Starts a conversation and keeps its id and token. */
    ChatSocket hello() throws InterruptedException {
        send(Map.of("type", "hello"));
        JsonNode welcome = next(f -> f.path("type").asString().equals("welcome"));
        conversationId = welcome.get("conversationId").asString();
        token = welcome.get("token").asString();
        return this;
    }

    /** Resumes a conversation after {@code lastSeq}: the missed messages follow the welcome. */
    ChatSocket resume(String id, String token, long lastSeq) throws InterruptedException {
        send(Map.of("type", "hello", "conversationId", id, "token", token, "lastSeq", lastSeq));
        JsonNode welcome = next(f -> f.path("type").asString().equals("welcome"));
        assertThat(welcome.path("resumed").asBoolean()).isTrue();
        this.conversationId = id;
        this.token = token;
        return this;
    }

    void message(String text, String clientMessageId) {
        send(Map.of("type", "message", "text", text, "clientMessageId", clientMessageId));
    }

    /** The next frame within {@code seconds}, or null. */
    JsonNode poll(long seconds) throws InterruptedException {
        return frames.poll(seconds, TimeUnit.SECONDS);
    }

    /** Frames until the first that matches (included), failing after 30 s without one. */
    List<JsonNode> until(Predicate<JsonNode> last) throws InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            JsonNode f = frames.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(f).as("a matching frame within 30 s; got " + out).isNotNull();
            out.add(f);
            if (last.test(f)) {
                return out;
            }
        }
    }

    /** Every frame that arrives until none has come for {@code quietSeconds}. */
    List<JsonNode> drain(long quietSeconds) throws InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        JsonNode f;
        while ((f = frames.poll(quietSeconds, TimeUnit.SECONDS)) != null) {
            out.add(f);
        }
        return out;
    }

    /** The next frame, failing after 30 s without one. */
    JsonNode next() throws InterruptedException {
        return next(f -> true);
    }

    /** The first frame that matches, skipping others, failing after 30 s. */
    JsonNode next(Predicate<JsonNode> match) throws InterruptedException {
        List<JsonNode> got = until(match);
        return got.get(got.size() - 1);
    }

    static Predicate<JsonNode> messageFrom(String from) {
        return f -> f.path("type").asString().equals("message")
                && f.path("from").asString().equals(from);
    }

    @Override
    void received(String frame) {
        frames.add(JSON.readTree(frame));
    }

    @Override
    public void close() {
        socket.abort();
    }
}
