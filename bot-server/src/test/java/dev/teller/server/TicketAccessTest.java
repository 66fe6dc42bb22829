package dev.teller.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Who may read and change a complaint ticket, over real HTTP, each rule both ways (docs/protocol.md, "Who may read
 * and change a ticket"). The demo accounts: agent works general and senior, agent2 general and risk; supervisor and
 * admin oversee every queue.
 */
class TicketAccessTest extends OnPostgres {

    static final String FRAUD = "Someone stole my card and took 500 pounds from my account without my permission";
    static final String RUDE =
            "I want to make a complaint: the staff at the branch were rude to me yesterday and nobody helped";

    @BeforeEach
    void nobodyIsRoutedTo() throws Exception {
        for (String login : List.of(AGENT, AGENT2)) {
            assertThat(send("POST", "/api/v1/staff/me/presence", login, "{\"presence\":\"away\"}")
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    /** Files a complaint as a new customer and returns its ticket as the customer was told it. */
    JsonNode file(String text) throws Exception {
        return post(startChat(null), text).stream()
                .filter(m -> m.path("meta").has("ticket"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ticket for: " + text))
                .get("meta")
                .get("ticket");
    }

    HttpResponse<String> act(String login, String number, String action, Map<String, String> body) throws Exception {
        return send(
                "POST",
                "/api/v1/staff/complaints/" + number + "/" + action,
                login,
                body == null ? null : JSON.writeValueAsString(body));
    }

    HttpResponse<String> view(String login, String number, String what) throws Exception {
        return send("GET", "/api/v1/staff/complaints/" + number + what, login, null);
    }

    List<String> listed(String login, String query) throws Exception {
        HttpResponse<String> r = send("GET", "/api/v1/staff/complaints" + query, login, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body())
                .valueStream()
                .map(t -> t.get("number").asString())
                .toList();
    }

    /** The ticket's trail as the supervisor reads it: "actor field old → new" per change ("-" for none). */
    List<String> trail(String number) throws Exception {
        return JSON.readTree(view(SUPERVISOR, number, "").body())
                .get("trail")
                .valueStream()
                .map(c -> text(c.get("actor")) + " " + text(c.get("field")) + " " + text(c.get("oldValue")) + " → "
                        + text(c.get("newValue")))
                .toList();
    }

    static String text(JsonNode n) {
        return n == null || n.isNull() ? "-" : n.asString();
    }

    static void refused(HttpResponse<String> r, int status, String detail) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(JSON.readTree(r.body()).get("detail").asString()).contains(detail);
    }

    @Test
    void aFundSafetyTicketIsTheRiskTeamsAndOnlyASupervisorWithAReasonWeakensIt() throws Exception {
        String login = "agent:" + DEMO_PASSWORD;
        ChatSocket feed = new ChatSocket(
                "http://localhost:" + port,
                "/ws/staff",
                Map.of(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8))));
        JsonNode filed = file(FRAUD);
        String number = filed.get("number").asString();
        assertThat(filed.get("queue").asString()).isEqualTo("risk");
        assertThat(filed.get("fundSafety").asBoolean()).isTrue();
        assertThat(filed.get("tier").asString()).isEqualToIgnoringCase("major");

        // The live feed tells agent (outside risk) the number and that something was filed, nothing more.
        JsonNode frame =
                feed.next(f -> f.has("number") && number.equals(f.get("number").asString()));
        assertThat(frame.get("change").asString()).isEqualTo("filed");
        assertThat(frame.propertyNames()).containsExactlyInAnyOrder("type", "number", "change");
        feed.close();

        // agent works general and senior: the ticket is not open to them, however they ask.
        assertThat(listed(AGENT, "")).doesNotContain(number);
        assertThat(listed(AGENT, "?all=true")).doesNotContain(number);
        refused(send("GET", "/api/v1/staff/complaints?queue=risk", AGENT, null), 403, "risk");
        for (String what : List.of("", "/transcript", "/brief", "/suggestions")) {
            refused(view(AGENT, number, what), 404, "is open to you");
        }
        refused(act(AGENT, number, "claim", null), 404, "is open to you");
        refused(act(AGENT, number, "tier", Map.of("tier", "ordinary", "reason", "looks minor")), 404, "open to you");
        refused(act(AGENT, number, "transfer", Map.of("queue", "general")), 404, "open to you");
        refused(act(AGENT, number, "note", Map.of("text", "peeking")), 404, "open to you");

        // The risk team and supervisors see it; agent2 (risk) takes it.
        assertThat(listed(AGENT2, "")).contains(number);
        assertThat(listed(AGENT2, "?queue=risk")).contains(number);
        assertThat(listed(SUPERVISOR, "?queue=risk")).contains(number);
        assertThat(view(AGENT2, number, "/transcript").statusCode()).isEqualTo(200);
        HttpResponse<String> claimed = act(AGENT2, number, "claim", null);
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
        assertThat(JSON.readTree(claimed.body()).get("owner").asString()).isEqualTo("agent2");

        // Even its owner does not lower it below major nor move it out of risk.
        refused(
                act(AGENT2, number, "tier", Map.of("tier", "urgent", "reason", "only 500 pounds")),
                403,
                "only a supervisor or an admin may set it below major");
        refused(
                act(AGENT2, number, "transfer", Map.of("queue", "general", "reason", "not fraud")),
                403,
                "only a supervisor or an admin may move it out of the risk queue");
        JsonNode unchanged = JSON.readTree(view(AGENT2, number, "").body()).get("ticket");
        assertThat(unchanged.get("tier").asString()).isEqualToIgnoringCase("major");
        assertThat(unchanged.get("queue").asString()).isEqualTo("risk");
        assertThat(act(AGENT2, number, "tier", Map.of("tier", "major", "reason", "stays major"))
                        .statusCode())
                .as("major is allowed: nothing is weakened")
                .isEqualTo(200);
        assertThat(act(AGENT2, number, "reply", Map.of("text", "Your card is frozen."))
                        .statusCode())
                .isEqualTo(200);

        // A supervisor may, with a reason.
        refused(act(SUPERVISOR, number, "transfer", Map.of("queue", "general")), 400, "Say why");
        HttpResponse<String> lowered =
                act(SUPERVISOR, number, "tier", Map.of("tier", "urgent", "reason", "the bank reversed it at once"));
        assertThat(lowered.statusCode()).as(lowered.body()).isEqualTo(200);
        assertThat(JSON.readTree(lowered.body()).get("tier").asString()).isEqualToIgnoringCase("urgent");
        HttpResponse<String> moved =
                act(SUPERVISOR, number, "transfer", Map.of("queue", "general", "reason", "a card delivery mix-up"));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        JsonNode now = JSON.readTree(moved.body());
        assertThat(now.get("queue").asString()).isEqualTo("general");
        assertThat(now.get("owner").asString()).as("first-contact ownership").isEqualTo("agent2");

        // Fund safety stays risk work wherever it sits: agent works general and still cannot read it.
        refused(view(AGENT, number, ""), 404, "is open to you");
        assertThat(listed(AGENT, "?queue=general")).doesNotContain(number);
        assertThat(view(AGENT2, number, "").statusCode()).isEqualTo(200);

        // Every refused attempt and every change, in the ticket's trail.
        assertThat(trail(number))
                .contains(
                        "agent read refused - → -",
                        "agent read refused - → transcript",
                        "agent read refused - → brief",
                        "agent owner refused - → agent",
                        "agent tier refused major → ordinary",
                        "agent queue refused risk → general",
                        "agent note refused - → -",
                        "agent2 owner - → agent2",
                        "agent2 tier refused major → urgent",
                        "agent2 queue refused risk → general",
                        "supervisor queue refused risk → general",
                        "supervisor tier major → urgent (the bank reversed it at once)",
                        "supervisor queue risk → general (a card delivery mix-up)");
        assertThat(trail(number))
                .as("asked before and after it left the risk queue")
                .filteredOn("agent read refused - → -"::equals)
                .hasSize(2);
        assertThat(trail(number))
                .as("only the supervisor's two changes changed its tier or queue")
                .filteredOn(c -> c.matches("\\S+ (tier|queue) (?!refused ).*"))
                .hasSize(2);
    }

    @Test
    void anOrdinaryTicketIsChangedByItsOwnerOrASupervisorOnly() throws Exception {
        JsonNode filed = file(RUDE);
        String number = filed.get("number").asString();
        assertThat(filed.get("queue").asString()).isEqualTo("general");
        assertThat(filed.get("fundSafety").asBoolean()).isFalse();

        // Both agents work general: both see it; the first to take it owns it.
        assertThat(listed(AGENT, "?queue=general")).contains(number);
        assertThat(listed(AGENT2, "?queue=general")).contains(number);
        refused(act(AGENT2, number, "status", Map.of("status", "in_progress")), 409, "Take " + number + " first");
        assertThat(act(AGENT, number, "claim", null).statusCode()).isEqualTo(200);
        refused(act(AGENT2, number, "claim", null), 409, "is owned by agent");

        // agent2 reads it and leaves notes, but changes nothing of agent's.
        assertThat(view(AGENT2, number, "").statusCode()).isEqualTo(200);
        assertThat(act(AGENT2, number, "note", Map.of("text", "I know this customer"))
                        .statusCode())
                .isEqualTo(200);
        String onlyThem = "only they or a supervisor may change it";
        refused(act(AGENT2, number, "reply", Map.of("text", "Hello from someone else")), 403, onlyThem);
        refused(act(AGENT2, number, "status", Map.of("status", "in_progress")), 403, onlyThem);
        refused(act(AGENT2, number, "resolve", Map.of("remediation", "points")), 403, onlyThem);
        refused(act(AGENT2, number, "tier", Map.of("tier", "major", "reason", "loud")), 403, onlyThem);
        refused(act(AGENT2, number, "transfer", Map.of("queue", "risk")), 403, onlyThem);
        JsonNode still = JSON.readTree(view(AGENT, number, "").body()).get("ticket");
        assertThat(still.get("status").asString()).isEqualTo("assigned");
        assertThat(still.get("tier").asString()).isEqualToIgnoringCase("ordinary");
        assertThat(still.get("queue").asString()).isEqualTo("general");

        // A supervisor may, in their own name; the owner stays the owner.
        HttpResponse<String> sup = act(SUPERVISOR, number, "status", Map.of("status", "in_progress"));
        assertThat(sup.statusCode()).as(sup.body()).isEqualTo(200);
        assertThat(JSON.readTree(sup.body()).get("owner").asString()).isEqualTo("agent");
        assertThat(act(AGENT, number, "resolve", Map.of("remediation", "An apology and 500 points"))
                        .statusCode())
                .isEqualTo(200);

        assertThat(trail(number))
                .contains(
                        "agent owner - → agent",
                        "agent2 reply refused - → -",
                        "agent2 status refused assigned → in_progress",
                        "agent2 status refused assigned → resolved",
                        "agent2 tier refused ordinary → major",
                        "agent2 queue refused general → risk",
                        "supervisor status assigned → in_progress",
                        "agent status in_progress → resolved");
    }

    @Test
    void anAgentTakesOnlyTicketsOfTheQueuesTheyWork() throws Exception {
        String number = file(RUDE).get("number").asString();
        assertThat(act(SUPERVISOR, number, "transfer", Map.of("queue", "senior"))
                        .statusCode())
                .as("a supervisor may move an unowned ticket")
                .isEqualTo(200);

        // agent2 works general and risk, not senior.
        refused(send("GET", "/api/v1/staff/complaints?queue=senior", AGENT2, null), 403, "senior");
        assertThat(listed(AGENT2, "?all=true")).doesNotContain(number);
        refused(act(AGENT2, number, "claim", null), 404, "is open to you");
        // agent works senior.
        assertThat(listed(AGENT, "?queue=senior")).contains(number);
        assertThat(act(AGENT, number, "claim", null).statusCode()).isEqualTo(200);

        // An agent's whole list (all=true) holds their queues' tickets and their own, never risk work of others.
        JsonNode all = JSON.readTree(
                send("GET", "/api/v1/staff/complaints?all=true", AGENT, null).body());
        assertThat(all.valueStream().toList()).isNotEmpty().allSatisfy(t -> {
            boolean own = "agent".equals(text(t.get("owner")));
            assertThat(own
                            || (List.of("general", "senior")
                                            .contains(t.get("queue").asString())
                                    && !t.get("fundSafety").asBoolean()))
                    .as(t.toString())
                    .isTrue();
        });
        refused(send("GET", "/api/v1/staff/complaints?queue=vip", SUPERVISOR, null), 400, "queue must be one of");
    }
}
