package dev.teller.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The WebSocket channel with the JDK's own WebSocket client against the running server (docs/protocol.md). */
class WebSocketChatEndToEndTest extends OnPostgres {

    final List<ChatSocket> clients = new ArrayList<>();

    /** A real WebSocket client of /ws/chat that queues every frame it receives, closed after the test. */
    ChatSocket client() {
        ChatSocket c = new ChatSocket("http://localhost:" + port);
        clients.add(c);
        return c;
    }

    @AfterEach
    void closeAll() {
        clients.forEach(ChatSocket::close);
    }

    @Test
    void aConversationOverWebSocketAnswersWithAcksAndSequenceNumbers() throws Exception {
        ChatSocket c = client();
        c.send(Map.of("type", "hello", "language", "zh"));
        JsonNode welcome = c.next();
        assertThat(welcome.get("type").asString()).isEqualTo("welcome");
        assertThat(welcome.get("token").asString()).isNotBlank();
        c.send(Map.of("type", "message", "text", "我的卡怎么还没寄到", "clientMessageId", "w1"));
        List<JsonNode> frames = c.until(ChatSocket.messageFrom("bot"));
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
        ChatSocket c = client();
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
        ChatSocket first = client();
        first.send(Map.of("type", "hello"));
        JsonNode welcome = first.next();
        String id = welcome.get("conversationId").asString();
        String token = welcome.get("token").asString();
        first.send(Map.of("type", "message", "text", "hello", "clientMessageId", "r1"));
        List<JsonNode> seen = first.until(ChatSocket.messageFrom("bot"));
        long lastSeen = seen.get(seen.size() - 1).get("seq").asLong();
        // The phone sends a message and drops the connection before any reply arrives.
        first.send(Map.of("type", "message", "text", "how do I change my PIN", "clientMessageId", "r2"));
        first.socket.abort();

        ChatSocket second = client();
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
        ChatSocket c = client();
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
        assertThat(c.until(ChatSocket.messageFrom("bot"))).isNotEmpty();

        ChatSocket flood = client();
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

        ChatSocket wrong = client();
        wrong.send(Map.of(
                "type", "hello", "conversationId", java.util.UUID.randomUUID().toString(), "token", "x"));
        assertThat(wrong.next().get("code").asString()).isEqualTo("not_authenticated");
        assertThat(wrong.closed.get(30, TimeUnit.SECONDS)).isEqualTo(4401);

        ChatSocket huge = client();
        huge.send(Map.of("type", "hello"));
        huge.next();
        huge.socket.sendText("{\"type\":\"message\",\"text\":\"" + "x".repeat(1 << 20) + "\"}", true);
        assertThat(huge.closed.get(30, TimeUnit.SECONDS)).isEqualTo(1009);

        // The first connection is unaffected by the others.
        c.send(Map.of("type", "ping"));
        assertThat(c.next().get("type").asString()).isEqualTo("pong");
    }
}
