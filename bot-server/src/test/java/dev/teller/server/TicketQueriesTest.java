package dev.teller.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teller.server.complaint.Ticket;
import dev.teller.server.complaint.TicketQueries;
import dev.teller.server.complaint.TicketStatus;
import dev.teller.server.complaint.Tier;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * What other features read about tickets through the complaint feature's queries, over complaints filed and worked
 * on through the real APIs; and the refusals of the complaint APIs, as problem details.
 */
class TicketQueriesTest extends OnPostgres {

    static final String RUDE =
            "I want to make a complaint: the staff at the branch were rude to me yesterday and nobody helped";

    @Autowired
    TicketQueries queries;

    /** Routing gives new tickets to nobody: every one waits unassigned in its queue. */
    @BeforeEach
    void agentsAreAway() throws Exception {
        away(AGENT);
        away(AGENT2);
    }

    void away(String login) throws Exception {
        var r = send("POST", "/api/v1/staff/me/presence", login, "{\"presence\":\"away\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    Ticket file(Chat chat) throws Exception {
        String number = ticketNumber(post(chat, RUDE).stream());
        try (var db = database();
                var ps = db.prepareStatement("SELECT id FROM ticket WHERE number = ?")) {
            ps.setString(1, number);
            try (var rs = ps.executeQuery()) {
                assertThat(rs.next()).as("ticket " + number + " stored").isTrue();
                return queries.byId(rs.getObject(1, UUID.class)).orElseThrow();
            }
        }
    }

    void act(String login, String number, String action, Map<String, String> body) throws Exception {
        HttpResponse<String> r = send(
                "POST",
                "/api/v1/staff/complaints/" + number + "/" + action,
                login,
                body == null ? null : JSON.writeValueAsString(body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void otherFeaturesReadTicketsAndTheirCountsThroughTheQueries() throws Exception {
        Instant start = Instant.now().minusSeconds(1);
        String contact = "+44 7700 9" + String.format("%05d", (int) (Math.random() * 100_000));
        TicketQueries.Repeats repeats = queries.repeats();
        long owned = queries.openByOwner().getOrDefault("agent", 0L);

        Chat firstChat = startChat(JSON.writeValueAsString(Map.of("contact", contact)));
        Ticket first = file(firstChat);
        Ticket second = file(startChat(JSON.writeValueAsString(Map.of("contact", contact))));
        assertThat(first.tier()).isEqualTo(Tier.ORDINARY);
        assertThat(second.tier()).as("a repeat goes up one tier").isEqualTo(Tier.URGENT);
        assertThat(queries.repeats())
                .as("two complaints, the second a repeat of the first")
                .isEqualTo(new TicketQueries.Repeats(repeats.complaints() + 2, repeats.repeats() + 1));

        act(AGENT, first.number(), "claim", null);
        assertThat(queries.openByOwner()).containsEntry("agent", owned + 1);
        assertThat(queries.byId(first.id()).orElseThrow().owner()).isEqualTo("agent");
        assertThat(queries.resolvedBy(Instant.now().plusSeconds(1)))
                .extracting(Ticket::number)
                .doesNotContain(first.number());

        act(AGENT, first.number(), "resolve", Map.of("remediation", "An apology and 500 points"));
        Ticket resolved = queries.byId(first.id()).orElseThrow();
        assertThat(resolved.status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(queries.openByOwner().getOrDefault("agent", 0L)).isEqualTo(owned);
        assertThat(queries.resolvedBy(Instant.now().plusSeconds(1)))
                .extracting(Ticket::number)
                .contains(first.number());
        assertThat(queries.resolvedBy(start)).extracting(Ticket::number).doesNotContain(first.number());
    }

    @Test
    void refusalsAreProblemDetailsWithTheirStatus() throws Exception {
        HttpResponse<String> unknown = send("GET", "/api/v1/staff/complaints/C-1999-000001", SUPERVISOR, null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        JsonNode problem = JSON.readTree(unknown.body());
        assertThat(problem.get("title").asString()).isEqualTo("Complaint not found");
        assertThat(problem.get("status").asInt()).isEqualTo(404);
        assertThat(problem.get("detail").asString()).isEqualTo("No complaint numbered 'C-1999-000001' is open to you.");
        assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/staff/complaints/C-1999-000001");

        String number = file(startChat(null)).number();
        HttpResponse<String> bad =
                send("POST", "/api/v1/staff/complaints/" + number + "/status", SUPERVISOR, "{\"status\":\"reopened\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("title").asString()).isEqualTo("Request not accepted");
        assertThat(JSON.readTree(bad.body()).get("detail").asString())
                .isEqualTo(
                        "status must be one of [new, assigned, in_progress, waiting_on_customer, resolved, closed].");
        HttpResponse<String> early =
                send("POST", "/api/v1/staff/complaints/" + number + "/status", SUPERVISOR, "{\"status\":\"closed\"}");
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(early.body()).get("title").asString()).isEqualTo("Not allowed now");
        assertThat(JSON.readTree(early.body()).get("detail").asString())
                .isEqualTo(number + " is new; from there it can go to [assigned].");
        HttpResponse<String> noToken = send("GET", "/api/v1/complaints/" + number, null, null);
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(noToken.body()).get("title").asString()).isEqualTo("Missing token");
        HttpResponse<String> badTier =
                send("POST", "/api/v1/staff/complaints/" + number + "/tier", SUPERVISOR, "{\"tier\":\"huge\"}");
        assertThat(badTier.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badTier.body()).get("detail").asString())
                .isEqualTo("tier must be ordinary, urgent or major");
    }
}
