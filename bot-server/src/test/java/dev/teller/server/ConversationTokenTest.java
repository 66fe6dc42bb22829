package dev.teller.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A conversation's token opens that conversation and no other, on every channel: it cannot read, post to or resume
 * another one, nor read another's complaint. And a stranger cannot tell an unknown id from a wrong token: both get
 * the very same refusal.
 */
class ConversationTokenTest extends OnPostgres {

    static final String FROM = "127.0.0.33";
    final List<ChatClient> open = new java.util.ArrayList<>();

    @AfterEach
    void closeAll() {
        open.forEach(ChatClient::abort);
    }

    long customerMessages(Chat c) throws Exception {
        HttpResponse<String> r = send("GET", "/api/v1/conversations/" + c.id() + "/messages", c.token(), null);
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body())
                .get("messages")
                .valueStream()
                .filter(m -> m.get("from").asString().equals("customer"))
                .count();
    }

    /** The refusal without its instance (the path asked for, which differs by construction). */
    static Map<String, Object> refusal(HttpResponse<String> r) {
        JsonNode p = JSON.readTree(r.body());
        return Map.of(
                "status", r.statusCode(),
                "type", r.headers().firstValue("Content-Type").orElse(""),
                "title", p.path("title").asString(""),
                "detail", p.path("detail").asString(""));
    }

    @Test
    void aTokenNeitherReadsNorWritesAnotherConversationAndStrangersLearnNothing() throws Exception {
        Chat a = startChat(null);
        Chat b = startChat(null);
        post(b, "my new card has not arrived");
        String bMessages = "/api/v1/conversations/" + b.id() + "/messages";

        HttpResponse<String> read = send("GET", bMessages, a.token(), null);
        HttpResponse<String> write = send(
                "POST",
                bMessages,
                a.token(),
                "{\"text\":\"written into someone else's chat\",\"clientMessageId\":\"x\"}");
        String unknown = "/api/v1/conversations/" + UUID.randomUUID() + "/messages";
        HttpResponse<String> unknownRead = send("GET", unknown, a.token(), null);
        HttpResponse<String> unknownWrite = send("POST", unknown, a.token(), "{\"text\":\"hello\"}");
        HttpResponse<String> guessed = send("GET", bMessages, b.token().substring(1) + "A", null);

        for (HttpResponse<String> r : List.of(read, write, unknownRead, unknownWrite, guessed)) {
            assertThat(r.statusCode()).as(r.request().method() + " " + r.uri()).isEqualTo(404);
            assertThat(r.body()).doesNotContain("my new card").doesNotContain(b.token());
        }
        assertThat(refusal(read)).as("a wrong token reads like an unknown id").isEqualTo(refusal(unknownRead));
        assertThat(refusal(write)).isEqualTo(refusal(unknownWrite));
        assertThat(refusal(guessed)).isEqualTo(refusal(unknownRead));
        assertThat(customerMessages(b)).as("nothing was written into b").isEqualTo(1);
        assertThat(customerMessages(a)).as("nor into a").isZero();
        try (var db = database();
                var ps = db.prepareStatement("SELECT count(*) FROM message WHERE text = ?")) {
            ps.setString(1, "written into someone else's chat");
            var rs = ps.executeQuery();
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void aTokenCannotResumeAnotherConversationOverWebSocket() throws Exception {
        Chat a = startChat(null);
        Chat b = startChat(null);
        post(b, "how do I change my PIN");

        ChatClient wrong = ChatClient.connect(port, FROM);
        open.add(wrong);
        wrong.send(Map.of("type", "hello", "conversationId", b.id(), "token", a.token(), "lastSeq", 0));
        JsonNode refused = wrong.next();
        assertThat(wrong.closed.get(30, TimeUnit.SECONDS)).isEqualTo(4401);
        assertThat(wrong.frames).as("nothing of b was replayed").isEmpty();

        ChatClient stranger = ChatClient.connect(port, FROM);
        open.add(stranger);
        stranger.send(Map.of(
                "type", "hello", "conversationId", UUID.randomUUID().toString(), "token", a.token(), "lastSeq", 0));
        JsonNode unknown = stranger.next();
        assertThat(stranger.closed.get(30, TimeUnit.SECONDS)).isEqualTo(4401);

        assertThat(refused.get("code").asString()).isEqualTo("not_authenticated");
        assertThat(refused).as("a wrong token reads like an unknown id").isEqualTo(unknown);

        ChatClient owner = ChatClient.connect(port, FROM);
        open.add(owner);
        owner.send(Map.of("type", "hello", "conversationId", b.id(), "token", b.token(), "lastSeq", 0));
        assertThat(owner.next().get("resumed").asBoolean()).isTrue();
        assertThat(owner.next().get("text").asString())
                .as("the right token replays b")
                .isEqualTo("how do I change my PIN");
    }

    @Test
    void aComplaintIsReadOnlyWithTheTokenOfTheConversationThatFiledIt() throws Exception {
        Chat filer = startChat(null);
        String number =
                ticketNumber(post(filer, "Someone used my card without my permission and took 300 pounds").stream());
        Chat other = startChat(null);
        HttpResponse<String> own = send("GET", "/api/v1/complaints/" + number, filer.token(), null);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(own.body()).get("number").asString()).isEqualTo(number);
        HttpResponse<String> foreign = send("GET", "/api/v1/complaints/" + number, other.token(), null);
        HttpResponse<String> unknown = send("GET", "/api/v1/complaints/C-2026-999999", other.token(), null);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).doesNotContain("fund").doesNotContain("risk");
        Map<String, Object> a = new java.util.HashMap<>(refusal(foreign));
        Map<String, Object> b = new java.util.HashMap<>(refusal(unknown));
        a.put("detail", a.get("detail").toString().replace(number, "N"));
        b.put("detail", b.get("detail").toString().replace("C-2026-999999", "N"));
        assertThat(a).as("another's complaint reads like an unknown one").isEqualTo(b);
        assertThat(send("GET", "/api/v1/complaints/" + number, null, null).statusCode())
                .isEqualTo(401);
    }
}
