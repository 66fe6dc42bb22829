package dev.teller.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * A customer's journeys over real HTTP on a random port, with the real PostgreSQL on the machine (a database
 * of its own, dropped afterwards: {@link OnPostgres}), the real intents model and the shipped knowledge base.
 */
@ExtendWith(OutputCaptureExtension.class)
class RestChatEndToEndTest extends OnPostgres {

    String id;
    String token;

    @BeforeEach
    void startConversation() throws Exception {
        HttpResponse<String> r = send("POST", "/api/v1/conversations", null, "{\"language\":\"en\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode body = JSON.readTree(r.body());
        id = body.get("conversationId").asString();
        token = body.get("token").asString();
        assertThat(token).hasSizeGreaterThanOrEqualTo(40);
    }

    List<JsonNode> say(String text, String clientMessageId) throws Exception {
        String body = JSON.writeValueAsString(Map.of("text", text, "clientMessageId", clientMessageId));
        HttpResponse<String> r = send("POST", "/api/v1/conversations/" + id + "/messages", token, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("messages").valueStream().toList();
    }

    static JsonNode bot(List<JsonNode> messages) {
        return messages.stream()
                .filter(m -> m.get("from").asString().equals("bot"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void anFaqIsAnsweredFromItsArticleInEnglishAndInChinese() throws Exception {
        JsonNode en = bot(say("my new card still hasn't arrived", "m1"));
        assertThat(en.get("meta").get("articleId").asString()).isEqualTo("en-card-arrival");
        assertThat(en.get("text").asString()).contains("10 working days");
        assertThat(en.get("meta").get("handoff").asBoolean()).isFalse();
        HttpResponse<String> article = send("GET", en.get("meta").get("link").asString(), null, null);
        assertThat(article.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(article.body()).get("intents").toString()).contains("card_arrival");

        JsonNode zh = bot(say("我申请的卡怎么还没寄到", "m2"));
        assertThat(zh.get("meta").get("articleId").asString()).startsWith("zh-");
        assertThat(zh.get("meta").get("intent").asString()).isIn("card_arrival", "card_delivery_estimate");
    }

    @Test
    void anUnknownQuestionGetsTheHonestFallbackAndTheOfferOfAPerson() throws Exception {
        JsonNode first = bot(say("what is the best recipe for sourdough bread", "u1"));
        assertThat(first.get("meta").has("articleId")).isFalse();
        assertThat(first.get("text").asString()).contains("don't know");
        JsonNode second = bot(say("who won the football world cup in 1966", "u2"));
        assertThat(second.get("text").asString()).contains("person");
    }

    @Test
    void aComplaintIsAcknowledgedAndEscalatedWithItsReasons() throws Exception {
        JsonNode reply = bot(say(
                "This is outrageous, you charged me twice for the same payment of 120 pounds and nobody helps. I will complain to the regulator",
                "c1"));
        assertThat(reply.get("meta").get("handoff").asBoolean()).isTrue();
        JsonNode escalation = reply.get("meta").get("escalation");
        assertThat(escalation.get("probability").asDouble()).isGreaterThanOrEqualTo(0.6);
        assertThat(escalation.get("escalationCues").toString()).contains("regulator");
        assertThat(escalation.get("reasons").toString()).contains("regulator").contains("fund safety");
        Map<String, Object> row = escalationRow(escalation.get("id").asString());
        assertThat(row).containsEntry("kind", "complaint").containsEntry("fund_safety", true);
        assertThat(row.get("message_seq")).isEqualTo(reply.get("seq").asLong());
        assertThat((String) row.get("reasons")).contains("regulator").contains("duplicate_charge");
        assertThat((String) row.get("details")).contains("120");
    }

    /**
     * What the customer adds after the ticket is filed belongs to it: "it was 30 pounds" once started a new complaint
     * and filed a second ticket.
     */
    @Test
    void moreAboutAFiledComplaintIsAddedToItNotFiledAgain() throws Exception {
        JsonNode asked = bot(say("I want to complain, you charged me a fee twice on my card last week", "t1"));
        assertThat(asked.get("meta").get("complaintQuestion").asString()).isEqualTo("amount");
        String number = ticketNumber(say("the amount is 30 pounds", "t2").stream());
        JsonNode added = bot(say("it was 30 pounds", "t3"));
        assertThat(added.get("text").asString()).contains("added this to your complaint " + number);
        assertThat(added.get("meta").get("ticket").get("number").asString()).isEqualTo(number);
        for (String more :
                List.of("this is really unacceptable, I am very unhappy with your bank", "30 pounds, last Tuesday")) {
            JsonNode reply = bot(say(more, "t-" + more.hashCode()));
            assertThat(reply.get("meta").has("escalation")).as(more).isFalse();
            assertThat(reply.get("text").asString()).as(more).doesNotContain("recording it as a complaint");
        }
        long tickets = JSON.readTree(send("GET", "/api/v1/staff/complaints?all=true", SUPERVISOR, null)
                        .body())
                .valueStream()
                .filter(t -> t.get("conversationId").asString().equals(id))
                .count();
        assertThat(tickets).as("one complaint, one ticket").isEqualTo(1);
    }

    @Test
    void aComplaintWithoutItsFactsGetsQuestionsFirstThenAnEscalationRecord() throws Exception {
        JsonNode ack = bot(say("I want to make a complaint", "q1"));
        assertThat(ack.get("text").asString()).contains("complaint").contains("what happened");
        assertThat(ack.get("meta").get("handoff").asBoolean()).isFalse();
        assertThat(ack.get("meta").has("escalation")).isFalse();

        JsonNode when = bot(say("the staff at your branch were rude to me and refused to help with my account", "q2"));
        assertThat(when.get("text").asString()).contains("When did this happen");

        JsonNode done = bot(say("yesterday afternoon", "q3"));
        assertThat(done.get("meta").get("handoff").asBoolean()).isTrue();
        JsonNode escalation = done.get("meta").get("escalation");
        assertThat(escalation.get("when").asString()).isEqualTo("yesterday");
        Map<String, Object> row = escalationRow(escalation.get("id").asString());
        assertThat(row).containsEntry("kind", "complaint").containsEntry("fund_safety", false);
        assertThat((String) row.get("details")).contains("rude to me").contains("yesterday afternoon");
        assertThat((String) row.get("reasons")).contains("when: 'yesterday'");
        try (Connection c = database();
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT count(*) FROM escalation WHERE conversation_id = '" + id + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("one escalation for one complaint").isEqualTo(1);
        }
    }

    Map<String, Object> escalationRow(String escalationId) throws Exception {
        try (Connection c = database();
                var ps = c.prepareStatement("""
                        SELECT kind, fund_safety, message_seq, reasons, details, conversation_id FROM escalation
                        WHERE id = ?""")) {
            ps.setObject(1, UUID.fromString(escalationId));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next())
                        .as("escalation " + escalationId + " is stored")
                        .isTrue();
                assertThat(rs.getObject(6)).isEqualTo(UUID.fromString(id));
                return Map.of(
                        "kind", rs.getString(1),
                        "fund_safety", rs.getBoolean(2),
                        "message_seq", rs.getLong(3),
                        "reasons", rs.getString(4),
                        "details", rs.getString(5));
            }
        }
    }

    @Test
    void theSameClientMessageIdIsStoredOnce() throws Exception {
        List<JsonNode> first = say("how do I change my PIN", "same-id");
        List<JsonNode> again = say("how do I change my PIN", "same-id");
        assertThat(again).hasSameSizeAs(first);
        assertThat(again.get(0).get("seq").asLong())
                .isEqualTo(first.get(0).get("seq").asLong());
        JsonNode all = JSON.readTree(send("GET", "/api/v1/conversations/" + id + "/messages?after=0", token, null)
                .body());
        assertThat(all.get("messages")
                        .valueStream()
                        .filter(m -> m.get("from").asString().equals("customer")))
                .hasSize(1);
    }

    @Test
    void aCardNumberNeverAppearsUnmaskedInTheDatabaseTheLogsOrAResponse(CapturedOutput output) throws Exception {
        String card = "4111 1111 1111 1111";
        List<JsonNode> replies = say("someone used my card " + card + " without permission", "card-1");
        String all = send("GET", "/api/v1/conversations/" + id + "/messages", token, null)
                        .body()
                + replies;
        assertThat(all).doesNotContain(card).doesNotContain("4111111111111111").contains("**** **** **** 1111");
        assertThat(replies.get(0).get("text").asString()).contains("**** **** **** 1111");
        assertThat(replies.stream().map(m -> m.get("from").asString())).contains("system");
        try (Connection c = database();
                ResultSet rs = c.createStatement().executeQuery("SELECT text, coalesce(meta, '') FROM message")) {
            int rows = 0;
            while (rs.next()) {
                rows++;
                assertThat(rs.getString(1) + rs.getString(2))
                        .doesNotContain("4111 1111")
                        .doesNotContain("41111111");
            }
            assertThat(rows).isGreaterThan(0);
        }
        assertThat(output.getAll()).doesNotContain(card).doesNotContain("4111111111111111");
    }

    @Test
    void badRequestsGetProblemDetailsAndLeaveNothingHalfStored() throws Exception {
        String path = "/api/v1/conversations/" + id + "/messages";
        assertThat(send("POST", path, "wrong-token", "{\"text\":\"hi\"}").statusCode())
                .isEqualTo(404);
        HttpResponse<String> missing = send("POST", path, null, "{\"text\":\"hi\"}");
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        assertThat(send("POST", path, token, "not json").statusCode()).isEqualTo(400);
        assertThat(send("POST", path, token, "{}").statusCode()).isEqualTo(400);
        HttpResponse<String> empty = send("POST", path, token, "{\"text\":\"   \"}");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("empty");
        assertThat(send("POST", path, token, JSON.writeValueAsString(Map.of("text", "x".repeat(5000))))
                        .statusCode())
                .isEqualTo(400);
        String other = "/api/v1/conversations/" + UUID.randomUUID() + "/messages";
        assertThat(send("GET", other, token, null).statusCode()).isEqualTo(404);
        JsonNode all = JSON.readTree(send("GET", path + "?after=0", token, null).body());
        assertThat(all.get("messages").size()).isZero();
        assertThat(bot(say("hello", "after-errors")).get("meta").get("intent").asString())
                .isEqualTo("greeting");
    }

    @Test
    void aFloodingClientIsToldToSlowDownAndTheConversationCarriesOn() throws Exception {
        String path = "/api/v1/conversations/" + id + "/messages";
        int refused = 0;
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = send(
                    "POST",
                    path,
                    token,
                    JSON.writeValueAsString(Map.of("text", "hi " + i, "clientMessageId", "f" + i)));
            if (r.statusCode() == 429) {
                refused++;
                assertThat(r.headers().firstValue("Retry-After")).contains("1");
                assertThat(r.body()).contains("Too many messages");
            } else {
                assertThat(r.statusCode()).isEqualTo(200);
            }
        }
        assertThat(refused).isPositive();
        HttpResponse<String> later = await("accepted again within 10 s")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> send(
                                "POST",
                                path,
                                token,
                                JSON.writeValueAsString(Map.of("text", "hello again", "clientMessageId", "later"))),
                        r -> r.statusCode() != 429);
        assertThat(later.statusCode()).isEqualTo(200);
        JsonNode all = JSON.readTree(send("GET", path + "?after=0", token, null).body());
        long customer = all.get("messages")
                .valueStream()
                .filter(m -> m.get("from").asString().equals("customer"))
                .count();
        assertThat(customer).isEqualTo(20 - refused + 1);
    }

    @Test
    void healthIsPublicAndMetricsAndTheApiDescriptionAreForAdmins() throws Exception {
        bot(say("how do I change my PIN", "metrics-1"));
        assertThat(send("GET", "/actuator/health/readiness", null, null).body()).contains("UP");
        for (String exposed : List.of("/actuator/prometheus", "/v3/api-docs")) {
            assertThat(send("GET", exposed, null, null).statusCode())
                    .as(exposed + " without a login")
                    .isEqualTo(401);
            assertThat(send("GET", exposed, AGENT, null).statusCode())
                    .as(exposed + " for an agent")
                    .isEqualTo(403);
        }
        String metrics = send("GET", "/actuator/prometheus", ADMIN_USER, null).body();
        assertThat(metrics).contains("teller_replies_total{kind=").contains("teller_understanding_seconds");
        assertThat(metrics).contains("teller_search_seconds").contains("teller_messages_total{from=\"customer\"");
        bot(say("I'd like to talk to a person please", "metrics-2"));
        metrics = send("GET", "/actuator/prometheus", ADMIN_USER, null).body();
        assertThat(metrics).contains("teller_handoffs_total").contains("teller_escalations_total{kind=\"handoff\"");
        String api = send("GET", "/v3/api-docs", ADMIN_USER, null).body();
        assertThat(api).contains("/api/v1/conversations/{id}/messages");
    }
}
