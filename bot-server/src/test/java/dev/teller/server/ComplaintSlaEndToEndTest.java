package dev.teller.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teller.server.sla.SlaClock;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A complaint's journey on the real PostgreSQL over real HTTP, with a clock the test moves: the ticket, its
 * reasons and promise, the customer's status questions, and the SLA timers that warn and then escalate a breach
 * to a supervisor, each exactly once, without sleeping.
 */
@TestPropertySource(properties = "teller.sla.poll-interval=PT0S")
class ComplaintSlaEndToEndTest extends OnPostgres {

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        }
    }

    @Autowired
    MutableClock clock;

    @Autowired
    Clock injected;

    @Autowired
    SlaClock sla;

    /**
     * Whether the supervisor's read model (the view the dashboard counts at-risk deadlines from) calls the ticket at
     * risk: open, no deadline missed, warned at 75% of a target.
     */
    boolean atRisk(String number) throws Exception {
        try (Connection c = database();
                var ps = c.prepareStatement("SELECT at_risk FROM supervisor_ticket WHERE number = ?")) {
            ps.setString(1, number);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next())
                        .as("ticket " + number + " in the supervisor's view")
                        .isTrue();
                return rs.getBoolean(1);
            }
        }
    }

    @Autowired
    dev.teller.server.followup.FollowUps followUps;

    long followUpQuestions(Chat c) throws Exception {
        JsonNode all = JSON.readTree(send("GET", "/api/v1/conversations/" + c.id() + "/messages", c.token(), null)
                .body());
        return all.get("messages")
                .valueStream()
                .filter(m -> m.path("meta").has("followUp"))
                .count();
    }

    static JsonNode bot(List<JsonNode> messages) {
        return messages.stream()
                .filter(m -> m.get("from").asString().equals("bot"))
                .findFirst()
                .orElseThrow();
    }

    Chat start(String contact) throws Exception {
        return startChat(JSON.writeValueAsString(Map.of("contact", contact)));
    }

    List<JsonNode> say(Chat c, String text) throws Exception {
        List<JsonNode> caused = post(c, text);
        clock.advance(Duration.ofSeconds(1)); // the next message of this conversation is not "in the same second"
        return caused;
    }

    static JsonNode ticketMessage(List<JsonNode> messages) {
        return messages.stream()
                .filter(m -> m.path("meta").has("ticket"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no message carries meta.ticket: " + messages));
    }

    List<String> events(String number) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = database();
                var ps = c.prepareStatement("""
                        SELECT e.kind, e.target, e.percent, e.escalated_to FROM sla_event e JOIN ticket t ON t.id = e.ticket_id
                        WHERE t.number = ? ORDER BY e.id""")) {
            ps.setString(1, number);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3)
                            + (rs.getString(4) == null ? "" : " → " + rs.getString(4)));
                }
            }
        }
        return out;
    }

    @Test
    void aFundSafetyComplaintGoesToTheRiskTeamAndItsUnansweredDeadlineWarnsThenBreachesOnce() throws Exception {
        assertThat(injected).isSameAs(clock);
        Chat c = start("+44 7700 900456");
        Instant filed = clock.instant();
        List<JsonNode> replies = say(c, "Someone used my card without my permission and took 300 pounds");
        JsonNode ticket = ticketMessage(replies).get("meta").get("ticket");
        String number = ticket.get("number").asString();
        assertThat(number).matches("C-\\d{4}-\\d{6}");
        assertThat(ticket.get("tier").asString()).isEqualTo("major");
        assertThat(ticket.get("queue").asString()).isEqualTo("risk");
        assertThat(ticket.get("fundSafety").asBoolean()).isTrue();
        assertThat(ticket.get("status").asString()).isEqualTo("new");
        assertThat(ticket.get("reasons").toString()).contains("fund safety").contains("without my permission");
        Instant firstDue = Instant.parse(ticket.get("firstResponseDueAt").asString());
        assertThat(Duration.between(filed, firstDue))
                .isBetween(Duration.ofMinutes(2), Duration.ofMinutes(2).plusSeconds(2));
        assertThat(Duration.between(
                        filed, Instant.parse(ticket.get("resolutionDueAt").asString())))
                .isBetween(Duration.ofHours(6), Duration.ofHours(6).plusSeconds(2));
        assertThat(ticketMessage(replies).get("text").asString())
                .contains(number)
                .contains("2 minutes");

        // The customer API answers the same to the conversation's token, and nobody else.
        JsonNode api = JSON.readTree(
                send("GET", "/api/v1/complaints/" + number, c.token(), null).body());
        assertThat(api.get("reasons")).isEqualTo(ticket.get("reasons"));
        assertThat(send(
                                "GET",
                                "/api/v1/complaints/" + number,
                                start("someone else").token(),
                                null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(send("GET", "/api/v1/complaints/" + number, null, null).statusCode())
                .isEqualTo(401);

        // Nobody answers: 50, 75 and 90 % of the two minutes, then the breach, each once.
        sla.fireDue();
        eventsHandled();
        assertThat(events(number)).isEmpty();
        clock.advance(Duration.between(clock.instant(), filed.plusSeconds(61)));
        sla.fireDue();
        eventsHandled();
        assertThat(events(number)).containsExactly("warning first_response 50");
        assertThat(atRisk(number)).as("warned at 50% only").isFalse();
        clock.advance(Duration.ofSeconds(30));
        sla.fireDue();
        eventsHandled();
        sla.fireDue();
        assertThat(events(number)).containsExactly("warning first_response 50", "warning first_response 75");
        assertThat(atRisk(number)).as("warned at 75%, not yet breached").isTrue();
        clock.advance(Duration.ofSeconds(18));
        sla.fireDue();
        eventsHandled();
        clock.advance(Duration.ofSeconds(12));
        sla.fireDue();
        eventsHandled();
        sla.fireDue();
        assertThat(events(number))
                .containsExactly(
                        "warning first_response 50",
                        "warning first_response 75",
                        "warning first_response 90",
                        "breach first_response 100 → supervisor");
        JsonNode staff = JSON.readTree(
                send("GET", "/api/v1/staff/complaints/" + number, AGENT2, null).body());
        assertThat(staff.get("ticket").get("firstResponseBreached").asBoolean()).isTrue();
        assertThat(staff.get("ticket").get("resolutionBreached").asBoolean()).isFalse();
        assertThat(staff.get("trail").toString()).contains("first_response_breached");
        assertThat(staff.get("remediationGuide").toString()).contains("120%").contains("apology");
        assertThat(staff.get("slaEvents")
                        .valueStream()
                        .map(e ->
                                e.get("kind").asString() + " " + e.get("target").asString() + " "
                                        + e.get("percent").asInt())
                        .toList())
                .containsExactly(
                        "warning first_response 50",
                        "warning first_response 75",
                        "warning first_response 90",
                        "breach first_response 100");
        assertThat(atRisk(number)).as("breached, no longer at risk").isFalse();
        HttpResponse<String> breaches = send("GET", "/api/v1/supervisor/breaches?limit=1000", SUPERVISOR, null);
        assertThat(breaches.statusCode()).as(breaches.body()).isEqualTo(200);
        assertThat(JSON.readTree(breaches.body()).valueStream())
                .filteredOn(b -> b.get("number").asString().equals(number))
                .extracting(b -> b.get("target").asString() + " "
                        + b.get("queue").asString() + " " + b.get("tier").asString())
                .containsExactly("first_response risk major");

        // Asked where it stands, the bot tells the status, the team and the deadline.
        JsonNode status = say(c, "where is my complaint?").stream()
                .filter(m -> m.get("from").asString().equals("bot"))
                .findFirst()
                .orElseThrow();
        assertThat(status.get("text").asString()).contains(number).contains("risk team");
        assertThat(status.get("meta").get("ticket").get("number").asString()).isEqualTo(number);

        // Resolved, and then three months of silence: the customer is flagged for win-back.
        String path = "/api/v1/staff/complaints/" + number;
        assertThat(send("POST", path + "/claim", AGENT2, null).statusCode()).isEqualTo(200);
        assertThat(send("POST", path + "/resolve", AGENT2, "{\"remediation\":\"Refunded 120% of the 300 pounds\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/api/v1/staff/win-back", SUPERVISOR, null).body())
                .doesNotContain(number);
        clock.advance(Duration.ofDays(91));
        assertThat(send("GET", "/api/v1/staff/win-back", SUPERVISOR, null).body())
                .contains(number);
    }

    @Test
    void timersThatFallDueTogetherFireInBatchesAndOneThatCannotFireHoldsUpNoOther() throws Exception {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Chat c = start("+44 7700 90010" + i);
            numbers.add(ticketMessage(say(c, "Someone used my card without my permission and took 50 pounds"))
                    .get("meta")
                    .get("ticket")
                    .get("number")
                    .asString());
        }
        // The middle ticket's first warning cannot be recorded: an event already holds its timer.
        try (Connection c = database();
                var ps = c.prepareStatement("""
                        INSERT INTO sla_event (ticket_id, timer_id, kind, target, percent, due_at, fired_at)
                        SELECT s.ticket_id, s.id, 'warning', s.target, s.percent, s.due_at, s.due_at
                        FROM sla_timer s JOIN ticket t ON t.id = s.ticket_id
                        WHERE t.number = ? AND s.target = 'first_response' AND s.percent = 50""")) {
            ps.setString(1, numbers.get(1));
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        clock.advance(Duration.ofMinutes(3)); // all three first responses are missed: 12 timers due at once
        sla.fireDue();
        eventsHandled();
        List<String> missed = List.of(
                "warning first_response 50",
                "warning first_response 75",
                "warning first_response 90",
                "breach first_response 100 → supervisor");
        assertThat(events(numbers.get(0))).containsExactlyElementsOf(missed);
        assertThat(events(numbers.get(2))).containsExactlyElementsOf(missed);
        // The middle ticket's other timers fired; the one that could not stays due, to be tried again.
        assertThat(events(numbers.get(1)))
                .containsExactly(
                        "warning first_response 50",
                        "warning first_response 75",
                        "warning first_response 90",
                        "breach first_response 100 → supervisor");
        assertThat(unfired(numbers.get(1))).containsExactly("first_response 50");
        sla.fireDue();
        eventsHandled();
        assertThat(unfired(numbers.get(1))).containsExactly("first_response 50");
        for (String number : numbers) {
            assertThat(events(number)).doesNotHaveDuplicates();
        }
    }

    List<String> unfired(String number) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = database();
                var ps = c.prepareStatement("""
                        SELECT s.target, s.percent FROM sla_timer s JOIN ticket t ON t.id = s.ticket_id
                        WHERE t.number = ? AND s.fired_at IS NULL AND s.due_at <= ? ORDER BY s.due_at""")) {
            ps.setString(1, number);
            ps.setTimestamp(2, java.sql.Timestamp.from(clock.instant()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getInt(2));
                }
            }
        }
        return out;
    }

    @Test
    void theFirstAgentOwnsTheTicketWaitingStopsTheClockAndATierChangeMovesTheDeadlines() throws Exception {
        Chat c = start("+44 7700 900789");
        say(c, "I want to make a complaint");
        say(c, "the staff at your branch were rude to me and nobody helped with my account");
        List<JsonNode> last = say(c, "yesterday morning");
        JsonNode ticket = ticketMessage(last).get("meta").get("ticket");
        String number = ticket.get("number").asString();
        assertThat(ticket.get("tier").asString()).isEqualTo("ordinary");
        assertThat(ticket.get("queue").asString()).isEqualTo("general");
        String path = "/api/v1/staff/complaints/" + number;

        assertThat(send("POST", path + "/claim", AGENT, null).statusCode()).isEqualTo(200);
        HttpResponse<String> stolen = send("POST", path + "/claim", AGENT2, null);
        assertThat(stolen.statusCode()).isEqualTo(409);
        assertThat(stolen.body()).contains("agent");
        assertThat(send("POST", path + "/reply", AGENT, "{\"text\":\"I'm sorry. Which branch was it?\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(send("POST", path + "/transfer", AGENT2, "{\"queue\":\"senior\"}")
                        .statusCode())
                .as("only the owner (or a supervisor) moves it")
                .isEqualTo(403);
        assertThat(send("POST", path + "/transfer", AGENT, "{\"queue\":\"senior\"}")
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> noted = send(
                "POST", path + "/note", AGENT, "{\"text\":\"Called the branch; card 4111 1111 1111 1111 mentioned\"}");
        assertThat(noted.statusCode()).as(noted.body()).isEqualTo(200);
        assertThat(noted.body()).contains("Called the branch").doesNotContain("4111 1111 1111 1111");
        JsonNode suggestions =
                JSON.readTree(send("GET", path + "/suggestions", AGENT, null).body());
        assertThat(suggestions.size()).isBetween(1, 3);
        assertThat(suggestions.get(0).get("shortAnswer").asString()).isNotBlank();
        // Beside each article, the clauses of it that bear on the complaint, quoted from the article itself.
        int clauses = 0;
        for (JsonNode sug : suggestions) {
            assertThat(sug.get("clauses").size()).isLessThanOrEqualTo(2);
            String body = JSON.readTree(
                            send("GET", sug.get("link").asString(), AGENT, null).body())
                    .get("body")
                    .asString()
                    .replace("**", "");
            for (JsonNode clause : sug.get("clauses")) {
                assertThat(body).contains(clause.asString());
                clauses++;
            }
        }
        assertThat(clauses).as("policy clauses beside the articles").isPositive();
        // Every customer message shows what the bot understood in it.
        JsonNode transcript =
                JSON.readTree(send("GET", path + "/transcript", AGENT, null).body());
        List<JsonNode> said = transcript
                .valueStream()
                .filter(m -> m.get("from").asString().equals("customer"))
                .toList();
        assertThat(said).hasSize(3);
        for (JsonNode m : said) {
            JsonNode u = m.get("meta").get("understanding");
            assertThat(u.get("intent").asString()).as(m.toString()).isNotBlank();
            assertThat(u.get("sentiment").asDouble()).isBetween(-1.0, 1.0);
        }
        // ... as the bot's reply to it recorded it.
        List<JsonNode> messages = transcript.valueStream().toList();
        for (int i = 0; i < messages.size(); i++) {
            if (!messages.get(i).get("from").asString().equals("customer")) {
                continue;
            }
            JsonNode reply = messages.stream()
                    .skip(i + 1)
                    .filter(m -> m.get("from").asString().equals("bot"))
                    .findFirst()
                    .orElseThrow()
                    .get("meta");
            JsonNode u = messages.get(i).get("meta").get("understanding");
            for (String key : List.of("intent", "confidence", "sentiment", "complaint")) {
                assertThat(u.get(key)).as(key).isEqualTo(reply.get(key));
            }
        }
        assertThat(JSON.readTree(send("GET", path, AGENT, null).body())
                        .get("language")
                        .asString())
                .isEqualTo("en");
        // Canned answers come from the knowledge base, in the conversation's language.
        JsonNode zh = JSON.readTree(send("GET", "/api/v1/staff/canned?language=zh&limit=200", AGENT, null)
                .body());
        assertThat(zh.size()).isGreaterThan(50);
        assertThat(zh.valueStream().map(a -> a.get("articleId").asString())).allMatch(id -> id.startsWith("zh-"));
        JsonNode found =
                JSON.readTree(send("GET", "/api/v1/staff/canned?language=en&q=my+card+has+not+arrived", AGENT, null)
                        .body());
        assertThat(found.get(0).get("articleId").asString()).startsWith("en-card-");
        assertThat(found.get(0).get("text").asString()).isNotBlank().doesNotContain("**");
        assertThat(send("GET", "/api/v1/staff/canned?language=fr", AGENT, null).statusCode())
                .isEqualTo(400);
        assertThat(send("GET", "/api/v1/staff/canned", c.token(), null).statusCode())
                .as("a customer's token does not open staff APIs")
                .isEqualTo(401);
        assertThat(JSON.readTree(send("GET", "/api/v1/conversations/" + c.id() + "/messages", c.token(), null)
                                .body())
                        .toString())
                .as("a note is never shown to the customer")
                .doesNotContain("Called the branch");
        JsonNode moved =
                JSON.readTree(send("GET", path, SUPERVISOR, null).body()).get("ticket");
        assertThat(moved.get("owner").asString()).isEqualTo("agent");
        assertThat(moved.get("queue").asString()).isEqualTo("senior");

        Instant due = Instant.parse(moved.get("resolutionDueAt").asString());
        assertThat(send(
                                "POST",
                                path + "/status",
                                AGENT,
                                "{\"status\":\"waiting_on_customer\",\"reason\":\"asked which branch\"}")
                        .statusCode())
                .isEqualTo(200);
        clock.advance(Duration.ofHours(5));
        assertThat(JSON.readTree(send("GET", path, AGENT, null).body())
                        .get("ticket")
                        .get("resolutionDueAt")
                        .isNull())
                .isTrue();
        say(c, "it was the high street branch");
        JsonNode resumed = JSON.readTree(send("GET", path, AGENT, null).body()).get("ticket");
        assertThat(resumed.get("status").asString()).isEqualTo("in_progress");
        Duration moved5h = Duration.between(
                due, Instant.parse(resumed.get("resolutionDueAt").asString()));
        assertThat(moved5h).isBetween(Duration.ofHours(5), Duration.ofHours(5).plusSeconds(5));

        assertThat(send(
                                "POST",
                                path + "/tier",
                                AGENT,
                                "{\"tier\":\"major\",\"reason\":\"the customer is 90 and was left outside\"}")
                        .statusCode())
                .isEqualTo(200);
        JsonNode major = JSON.readTree(send("GET", path, AGENT, null).body());
        Instant created = Instant.parse(major.get("ticket").get("createdAt").asString());
        Duration toDue = Duration.between(
                created,
                Instant.parse(major.get("ticket").get("resolutionDueAt").asString()));
        assertThat(toDue).isBetween(Duration.ofHours(11), Duration.ofHours(11).plusSeconds(5)); // 6 h + the 5 h pause
        assertThat(major.get("trail").toString()).contains("\"field\":\"tier\"").contains("the customer is 90");

        assertThat(send("POST", path + "/resolve", AGENT2, "{\"remediation\":\"x\"}")
                        .statusCode())
                .as("agent2 neither owns it nor works the senior queue: it is not open to them")
                .isEqualTo(404);
        assertThat(send(
                                "POST",
                                path + "/resolve",
                                AGENT,
                                "{\"remediation\":\"Apology from the branch manager; 1,000 points\"}")
                        .statusCode())
                .isEqualTo(200);
        clock.advance(Duration.ofDays(4));
        sla.fireDue();
        eventsHandled();
        assertThat(events(number)).isEmpty();
        JsonNode done = JSON.readTree(send("GET", path, AGENT, null).body());
        assertThat(done.get("ticket").get("status").asString()).isEqualTo("resolved");
        assertThat(done.get("trail").valueStream().map(t -> t.get("field").asString()))
                .contains("created", "owner", "first_response", "queue", "status", "tier", "remediation");

        // Closing the loop: NPS questions on day 3 and 7 after resolution, in the chat and to the outbox.
        eventsHandled(); // follow-ups are scheduled after the resolution commits
        followUps.sendDue();
        assertThat(followUps.sendDue()).as("each follow-up is sent once").isZero();
        assertThat(followUpQuestions(c)).isEqualTo(1);
        JsonNode all = JSON.readTree(send("GET", "/api/v1/conversations/" + c.id() + "/messages", c.token(), null)
                .body());
        JsonNode question = all.get("messages").get(all.get("messages").size() - 1);
        assertThat(question.get("text").asString()).contains(number).contains("0 to 10");
        assertThat(question.get("meta").get("followUp").get("day").asInt()).isEqualTo(3);
        assertThat(bot(say(c, "9")).get("text").asString()).contains("noted 9");
        clock.advance(Duration.ofDays(4));
        followUps.sendDue();
        assertThat(followUpQuestions(c)).isEqualTo(2);
        assertThat(bot(say(c, "5/10")).get("text").asString())
                .contains("noted 5")
                .contains("sorry");
        assertThat(bot(say(c, "7")).get("meta").has("followUpAnswered"))
                .as("no question is open")
                .isFalse();
        JsonNode nps = JSON.readTree(
                        send("GET", "/api/v1/staff/nps", SUPERVISOR, null).body())
                .get("nps");
        assertThat(nps.get("responses").asInt()).isEqualTo(2);
        assertThat(nps.get("promoters").asInt()).isEqualTo(1);
        assertThat(nps.get("detractors").asInt()).isEqualTo(1);
        assertThat(nps.get("nps").asDouble()).isEqualTo(0.0);
        try (Connection db = database();
                ResultSet rs = db.createStatement()
                        .executeQuery(
                                "SELECT count(*) FROM outbox WHERE recipient = '+44 7700 900789' AND channel = 'sms'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
    }
}
