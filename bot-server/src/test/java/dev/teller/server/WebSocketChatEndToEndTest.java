package dev.teller.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The WebSocket channel with the JDK's own WebSocket client against the running server (docs/protocol.md). */
class WebSocketChatEndToEndTest extends OnPostgres {

    final List<Client> clients = new ArrayList<>();

    /** A real WebSocket client that queues every text frame it receives, and how the connection closed. */
    final class Client implements WebSocket.Listener {
        final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final StringBuilder partial = new StringBuilder();
        final WebSocket socket;

        Client() {
            socket = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .buildAsync(URI.create("ws://localhost:" + port + "/ws/chat"), this)
                    .join();
            clients.add(this);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(-1);
        }

        void send(Object frame) {
            socket.sendText(frame instanceof String s ? s : JSON.writeValueAsString(frame), true)
                    .join();
        }

        /** The next frame, failing after 30 seconds. */
        JsonNode next() throws InterruptedException {
            JsonNode f = frames.poll(30, TimeUnit.SECONDS);
            assertThat(f).as("a frame within 30 s").isNotNull();
            return f;
        }

        /** Frames up to and including the first bot message. */
        List<JsonNode> untilBot() throws InterruptedException {
            List<JsonNode> out = new ArrayList<>();
            JsonNode f;
            do {
                f = next();
                out.add(f);
            } while (!(f.path("type").asString().equals("message")
                    && f.path("from").asString().equals("bot")));
            return out;
        }
    }

    @AfterEach
    void closeAll() {
        clients.forEach(c -> c.socket.abort());
    }

    @Test
    void aConversationOverWebSocketAnswersWithAcksAndSequenceNumbers() throws Exception {
        Client c = new Client();
        c.send(Map.of("type", "hello", "language", "zh"));
        JsonNode welcome = c.next();
        assertThat(welcome.get("type").asString()).isEqualTo("welcome");
        assertThat(welcome.get("token").asString()).isNotBlank();
        c.send(Map.of("type", "message", "text", "我的卡怎么还没寄到", "clientMessageId", "w1"));
        List<JsonNode> frames = c.untilBot();
        assertThat(frames.get(0).get("type").asString()).isEqualTo("ack");
        assertThat(frames.get(0).get("seq").asLong()).isEqualTo(1);
        JsonNode bot = frames.get(frames.size() - 1);
        assertThat(bot.get("seq").asLong()).isEqualTo(2);
        assertThat(bot.get("meta").get("articleId").asString()).startsWith("zh-");
        c.send(Map.of("type", "ping"));
        assertThat(c.next().get("type").asString()).isEqualTo("pong");
    }

    @Test
    void aComplaintsTicketAndTheAgentsReplyReachTheCustomersSocketAtOnce() throws Exception {
        Client c = new Client();
        c.send(Map.of("type", "hello"));
        c.next();
        c.send(Map.of(
                "type", "message", "text", "Someone used my card without my permission", "clientMessageId", "f1"));
        List<JsonNode> frames = new ArrayList<>();
        JsonNode f;
        do {
            f = c.next();
            frames.add(f);
        } while (!f.path("meta").has("ticket"));
        assertThat(frames.get(0).get("type").asString()).isEqualTo("ack");
        String number = f.get("meta").get("ticket").get("number").asString();
        long ticketSeq = f.get("seq").asLong();

        String path = "/api/v1/staff/complaints/" + number;
        assertThat(send(
                                "POST",
                                path + "/reply",
                                AGENT2,
                                "{\"text\":\"I'm Ben from the risk team. Your card is frozen.\"}")
                        .statusCode())
                .isEqualTo(200);
        JsonNode pushed = c.next();
        assertThat(pushed.get("type").asString()).isEqualTo("message");
        assertThat(pushed.get("from").asString()).isEqualTo("agent");
        assertThat(pushed.get("text").asString()).contains("Your card is frozen");
        assertThat(pushed.get("seq").asLong()).isEqualTo(ticketSeq + 1);
        c.send(Map.of("type", "ping"));
        assertThat(c.next().get("type").asString())
                .as("nothing delivered twice")
                .isEqualTo("pong");
    }

    @Test
    void aDroppedSocketResumesWithoutLosingOrDuplicatingAnything() throws Exception {
        Client first = new Client();
        first.send(Map.of("type", "hello"));
        JsonNode welcome = first.next();
        String id = welcome.get("conversationId").asString();
        String token = welcome.get("token").asString();
        first.send(Map.of("type", "message", "text", "hello", "clientMessageId", "r1"));
        List<JsonNode> seen = first.untilBot();
        long lastSeen = seen.get(seen.size() - 1).get("seq").asLong();
        // The phone sends a message and drops the connection before any reply arrives.
        first.send(Map.of("type", "message", "text", "how do I change my PIN", "clientMessageId", "r2"));
        first.socket.abort();

        Client second = new Client();
        second.send(Map.of("type", "hello", "conversationId", id, "token", token, "lastSeq", lastSeen));
        assertThat(second.next().get("resumed").asBoolean()).isTrue();
        // The app does not know whether r2 arrived, so it sends it again: stored once, answered once.
        second.send(Map.of("type", "message", "text", "how do I change my PIN", "clientMessageId", "r2"));
        List<Long> seqs = new ArrayList<>();
        JsonNode ack = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ack == null || seqs.size() < 2) {
            assertThat(System.nanoTime()).as("replay and ack within 30 s").isLessThan(deadline);
            JsonNode f = second.next();
            if (f.get("type").asString().equals("ack")) {
                ack = f;
            } else if (f.get("type").asString().equals("message")) {
                seqs.add(f.get("seq").asLong());
            }
        }
        second.send(Map.of("type", "ping"));
        for (JsonNode f = second.next(); !f.get("type").asString().equals("pong"); f = second.next()) {
            if (f.get("type").asString().equals("message")) {
                seqs.add(f.get("seq").asLong());
            }
        }
        // Each missed message exactly once, in order, whether it came by replay or as the answer to the retry.
        assertThat(seqs).containsExactly(lastSeen + 1, lastSeen + 2);
        assertThat(ack.get("seq").asLong()).isEqualTo(lastSeen + 1);
        try (var db = database();
                var rs = db.createStatement()
                        .executeQuery("SELECT count(*) FROM message WHERE conversation_id = '" + id
                                + "' AND client_message_id = 'r2'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void badFramesGetErrorFramesAndTheConnectionCarriesOn() throws Exception {
        Client c = new Client();
        c.send(Map.of("type", "message", "text", "before hello"));
        assertThat(c.next().get("code").asString()).isEqualTo("not_authenticated");
        c.send(Map.of("type", "hello"));
        assertThat(c.next().get("type").asString()).isEqualTo("welcome");
        c.send("this is not json");
        assertThat(c.next().get("code").asString()).isEqualTo("bad_json");
        c.send(Map.of("type", "dance"));
        assertThat(c.next().get("code").asString()).isEqualTo("unknown_type");
        c.send(Map.of("type", "message"));
        assertThat(c.next().get("code").asString()).isEqualTo("missing_field");
        c.send(Map.of("type", "message", "text", "   ", "clientMessageId", "blank-1"));
        JsonNode refused = c.next();
        assertThat(refused.get("code").asString()).isEqualTo("invalid_message");
        assertThat(refused.get("clientMessageId").asString())
                .as("the client learns which message failed")
                .isEqualTo("blank-1");
        c.send(Map.of("type", "message", "text", "hello", "clientMessageId", "ok"));
        assertThat(c.untilBot()).isNotEmpty();

        Client flood = new Client();
        flood.send(Map.of("type", "hello"));
        flood.next();
        for (int i = 0; i < 100; i++) {
            flood.send(Map.of("type", "message", "text", "hi " + i, "clientMessageId", "f" + i));
        }
        int limited = 0;
        int acks = 0;
        while (limited + acks < 100) {
            JsonNode f = flood.next();
            if (f.path("code").asString("").equals("rate_limited")) {
                limited++;
            } else if (f.get("type").asString().equals("ack")) {
                acks++;
            }
        }
        assertThat(limited).isPositive();
        assertThat(acks).isPositive();

        Client wrong = new Client();
        wrong.send(Map.of(
                "type", "hello", "conversationId", java.util.UUID.randomUUID().toString(), "token", "x"));
        assertThat(wrong.next().get("code").asString()).isEqualTo("not_authenticated");
        assertThat(wrong.closed.get(30, TimeUnit.SECONDS)).isEqualTo(4401);

        Client huge = new Client();
        huge.send(Map.of("type", "hello"));
        huge.next();
        huge.socket.sendText("{\"type\":\"message\",\"text\":\"" + "x".repeat(1 << 20) + "\"}", true);
        assertThat(huge.closed.get(30, TimeUnit.SECONDS)).isEqualTo(1009);

        // The first connection is unaffected by the others.
        c.send(Map.of("type", "ping"));
        assertThat(c.next().get("type").asString()).isEqualTo("pong");
    }
}
