package dev.teller.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Routing over real HTTP: new complaints go round-robin to online agents of their queue with room under their
 * capacity; with nobody available they wait, visible to the whole queue.
 */
class AgentRoutingTest extends OnPostgres {

    static final String PASSWORD = "routing-" + UUID.randomUUID();
    static final String R1 = "staff:route1:" + PASSWORD;
    static final String R2 = "staff:route2:" + PASSWORD;

    void agent(String name, int capacity) throws Exception {
        var r = send(
                "POST",
                "/api/v1/admin/staff",
                ADMIN_USER,
                JSON.writeValueAsString(Map.of(
                        "username",
                        name,
                        "role",
                        "agent",
                        "password",
                        PASSWORD,
                        "queues",
                        List.of("general"),
                        "capacity",
                        capacity)));
        assertThat(r.statusCode()).as(r.body()).isIn(201, 409);
    }

    void presence(String login, String presence) throws Exception {
        var r = send("POST", "/api/v1/staff/me/presence", login, "{\"presence\":\"" + presence + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** Files a complaint that needs no questions and returns its ticket. */
    JsonNode complain(String text) throws Exception {
        JsonNode c =
                JSON.readTree(send("POST", "/api/v1/conversations", null, null).body());
        var r = send(
                "POST",
                "/api/v1/conversations/" + c.get("conversationId").asString() + "/messages",
                c.get("token").asString(),
                JSON.writeValueAsString(Map.of("text", text)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String number = ticketNumber(JSON.readTree(r.body()).get("messages").valueStream());
        eventsHandled(); // routed after the filing commits
        return JSON.readTree(send("GET", "/api/v1/staff/complaints/" + number, SUPERVISOR, null)
                .body());
    }

    static final String RUDE =
            "I want to make a complaint: the staff at the branch were rude to me yesterday and nobody helped";

    @AfterEach
    void away() throws Exception {
        presence(R1, "away");
        presence(R2, "away");
    }

    @Test
    void newComplaintsGoRoundRobinToOnlineAgentsWithRoomAndOtherwiseWaitInTheQueue() throws Exception {
        agent("route1", 1);
        agent("route2", 2);
        presence(R1, "away");
        presence(R2, "away");
        JsonNode waiting = complain(RUDE);
        assertThat(waiting.get("ticket").get("owner").isNull()).isTrue();
        assertThat(waiting.get("ticket").get("status").asString()).isEqualTo("new");
        String waitingNumber = waiting.get("ticket").get("number").asString();
        assertThat(send("GET", "/api/v1/staff/complaints?queue=general", AGENT, null)
                        .body())
                .contains(waitingNumber);

        presence(R1, "online");
        presence(R2, "online");
        List<String> owners = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            JsonNode t = complain(RUDE).get("ticket");
            owners.add(t.get("owner").isNull() ? null : t.get("owner").asString());
        }
        // route1 has room for one, route2 for two; the fourth finds nobody with room.
        assertThat(owners).containsExactly("route1", "route2", "route2", null);
        JsonNode first = complain("Someone used my card without my permission");
        assertThat(first.get("ticket").get("queue").asString()).isEqualTo("risk");
        assertThat(first.get("ticket").get("owner").isNull())
                .as("no risk agent is online")
                .isTrue();

        JsonNode routed = JSON.readTree(send("GET", "/api/v1/staff/complaints?queue=general", SUPERVISOR, null)
                .body());
        assertThat(routed.toString()).contains("route1").contains("route2");
        assertThat(send("POST", "/api/v1/staff/me/presence", R1, "{\"presence\":\"asleep\"}")
                        .statusCode())
                .isEqualTo(400);
    }
}
