package dev.teller.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teller.server.followup.FollowUps;
import dev.teller.server.sla.SlaClock;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The embedded default, as `./teller run` starts it: the whole server on H2 in PostgreSQL mode (every migration,
 * every query of the complaint journey, routing, SLA timers, follow-ups and the dashboards, the demo accounts and
 * the staff accounts' failed logins), so that the run command cannot break while the PostgreSQL tests pass.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddedDefaultTest extends ServerTest {

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MutableClock embeddedClock() {
            return new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        }
    }

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        String db = "teller-" + UUID.randomUUID();
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:h2:mem:" + db
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
        registry.add("teller.index", Files.createTempDirectory("teller-h2-index")::toString);
        registry.add("teller.articles", Files.createTempDirectory("teller-h2-articles")::toString);
        registry.add("teller.staff.demo-password", () -> DEMO_PASSWORD);
        registry.add("teller.sla.poll-interval", () -> "PT0S");
    }

    @Autowired
    MutableClock clock;

    @Autowired
    SlaClock sla;

    @Autowired
    FollowUps followUps;

    Chat start() throws Exception {
        return startChat("{\"contact\":\"h2@example.com\"}");
    }

    List<JsonNode> say(Chat c, String text) throws Exception {
        List<JsonNode> caused = post(c, text);
        clock.advance(Duration.ofSeconds(1));
        return caused;
    }

    @Test
    void aComplaintsWholeJourneyRunsOnTheEmbeddedDatabase() throws Exception {
        assertThat(send("POST", "/api/v1/staff/me/presence", AGENT2, "{\"presence\":\"online\"}")
                        .statusCode())
                .isEqualTo(200);
        Chat c = start();
        assertThat(say(c, "how do I change my PIN").toString()).contains("articleId");
        JsonNode ticket = say(c, "Someone used my card without my permission").stream()
                .filter(m -> m.path("meta").has("ticket"))
                .findFirst()
                .orElseThrow()
                .get("meta")
                .get("ticket");
        String number = ticket.get("number").asString();
        assertThat(ticket.get("queue").asString()).isEqualTo("risk");
        String path = "/api/v1/staff/complaints/" + number;
        assertThat(send("POST", path + "/claim", AGENT2, null).statusCode()).isEqualTo(200);
        assertThat(send("POST", path + "/reply", AGENT2, "{\"text\":\"Your card is frozen.\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(send("POST", path + "/note", AGENT2, "{\"text\":\"called the customer\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(send("GET", path + "/suggestions", AGENT2, null).statusCode())
                .isEqualTo(200);
        clock.advance(Duration.ofHours(5));
        assertThat(sla.fireDue()).isPositive();
        eventsHandled();
        JsonNode risky = JSON.readTree(send("GET", "/api/v1/supervisor/sla/daily?days=30", SUPERVISOR, null)
                .body());
        assertThat(risky.valueStream().mapToLong(d -> d.get("atRisk").asLong()).sum())
                .as("five of its six hours gone: the major ticket is at risk")
                .isEqualTo(1);
        clock.advance(Duration.ofHours(2));
        assertThat(sla.fireDue()).isPositive();
        eventsHandled();
        assertThat(JSON.readTree(send("GET", path, AGENT2, null).body())
                        .get("ticket")
                        .get("resolutionBreached")
                        .asBoolean())
                .isTrue();
        JsonNode daily = JSON.readTree(send("GET", "/api/v1/supervisor/sla/daily?days=30", SUPERVISOR, null)
                .body());
        assertThat(daily.valueStream().mapToLong(d -> d.get("missed").asLong()).sum())
                .as("the fund-safety ticket's resolution deadline, six hours on, was missed")
                .isEqualTo(1);
        assertThat(daily.get(0).get("tier").asString()).isEqualTo("major");
        assertThat(daily.valueStream().mapToLong(d -> d.get("atRisk").asLong()).sum())
                .as("a breached deadline is no longer at risk")
                .isZero();
        assertThat(send("POST", path + "/resolve", AGENT2, "{\"remediation\":\"Refunded in full\"}")
                        .statusCode())
                .isEqualTo(200);
        clock.advance(Duration.ofDays(3));
        eventsHandled(); // follow-ups are scheduled after the resolution commits
        followUps.sendDue();
        assertThat(say(c, "10").toString()).contains("noted 10");
        for (String view : List.of(
                "/api/v1/supervisor/sla",
                "/api/v1/supervisor/breaches",
                "/api/v1/supervisor/load",
                "/api/v1/supervisor/holders",
                "/api/v1/supervisor/volume",
                "/api/v1/supervisor/self-service",
                "/api/v1/supervisor/trends",
                "/api/v1/supervisor/voice",
                "/api/v1/supervisor/transcripts?q=permission",
                "/api/v1/supervisor/transcripts.csv?q=permission",
                "/api/v1/staff/nps",
                "/api/v1/staff/win-back")) {
            HttpResponse<String> r = send("GET", view, SUPERVISOR, null);
            assertThat(r.statusCode()).as(view + ": " + r.body()).isEqualTo(200);
        }
        assertThat(JSON.readTree(send("GET", "/api/v1/staff/nps", SUPERVISOR, null)
                                .body())
                        .get("nps")
                        .get("nps")
                        .asDouble())
                .isEqualTo(100.0);
        assertThat(send("POST", "/api/v1/staff/me/presence", AGENT2, "{\"presence\":\"away\"}")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void theDemoAccountsAreMadeHereAndFailedLoginsAreCounted() throws Exception {
        for (String demo : List.of("agent", "agent2", "supervisor", "admin")) {
            HttpResponse<String> r = send("GET", "/api/v1/staff/me", "staff:" + demo, null);
            assertThat(r.statusCode())
                    .as("demo account " + demo + ": " + r.body())
                    .isEqualTo(200);
        }
        String password = "h2-" + UUID.randomUUID();
        assertThat(send(
                                "POST",
                                "/api/v1/admin/staff",
                                ADMIN_USER,
                                JSON.writeValueAsString(
                                        java.util.Map.of("username", "h2agent", "role", "agent", "password", password)))
                        .statusCode())
                .isEqualTo(201);
        for (int i = 1; i <= 5; i++) {
            HttpResponse<String> r = send("GET", "/api/v1/staff/me", "staff:h2agent:wrong-" + i, null);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).contains(i < 5 ? "staff login" : "wait 1 s");
        }
        assertThat(send("GET", "/api/v1/staff/me", "staff:h2agent:" + password, null)
                        .statusCode())
                .isEqualTo(401);
        clock.advance(Duration.ofSeconds(1));
        assertThat(send("GET", "/api/v1/staff/me", "staff:h2agent:" + password, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(send("POST", "/api/v1/admin/staff/h2agent/disable", ADMIN_USER, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/api/v1/staff/me", "staff:h2agent:" + password, null)
                        .body())
                .contains("disabled");
    }
}
