package dev.teller.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The supervisor dashboard's numbers against counts taken straight from the database, in a database of this
 * test's own (no other test's server writes to it) with the SLA poller off so that nothing moves meanwhile.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "teller.sla.poll-interval=PT0S")
class SupervisorViewsTest extends ServerTest {

    static String own;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) throws Exception {
        own = OnPostgres.ownDatabase("teller_sv");
        OnPostgres.register(registry, own);
    }

    static long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + own, "postgres", "");
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    String chat(String... texts) throws Exception {
        JsonNode c =
                JSON.readTree(send("POST", "/api/v1/conversations", null, null).body());
        for (String t : texts) {
            HttpResponse<String> r = send(
                    "POST",
                    "/api/v1/conversations/" + c.get("conversationId").asString() + "/messages",
                    c.get("token").asString(),
                    JSON.writeValueAsString(Map.of("text", t)));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            await().pollDelay(Duration.ofMillis(250)).until(() -> true); // a person's pace, under the 5-a-second limit
        }
        return c.get("conversationId").asString();
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> r = send("GET", path, SUPERVISOR, null);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void theDashboardsNumbersAreTheDatabasesNumbers() throws Exception {
        chat("how do I change my PIN", "thanks");
        chat("my new card still hasn't arrived");
        chat("Someone used my card without my permission");
        chat("I want to make a complaint: the staff at the branch were rude to me yesterday and nobody helped");
        String hostile = chat(
                "<script>alert('x')</script> <img src=x onerror=alert(1)> =HYPERLINK(\"evil\") zebra-7421 where is the nearest ATM");
        assertThat(count("SELECT count(*) FROM conversation"))
                .as("this test's own database")
                .isEqualTo(5);
        assertThat(count("SELECT count(*) FROM ticket")).isGreaterThanOrEqualTo(2);

        eventsHandled(); // complaints are routed after their filing commits
        JsonNode sla = get("/api/v1/supervisor/sla");
        for (JsonNode tier : sla) {
            String t = tier.get("tier").asString();
            assertThat(tier.get("open").asLong())
                    .isEqualTo(count("SELECT count(*) FROM ticket WHERE tier = '" + t
                            + "' AND status NOT IN ('resolved', 'closed')"));
            assertThat(tier.get("resolutionMissed").asLong())
                    .isEqualTo(count("SELECT count(*) FROM ticket WHERE tier = '" + t + "' AND resolution_breached"));
        }
        JsonNode load = get("/api/v1/supervisor/load");
        for (JsonNode q : load.get("queues")) {
            String name = q.get("queue").asString();
            assertThat(q.get("open").asLong())
                    .isEqualTo(
                            count("SELECT count(*) FROM ticket WHERE queue = '" + name + "' AND resolved_at IS NULL"));
            assertThat(q.get("unassigned").asLong())
                    .isEqualTo(count("SELECT count(*) FROM ticket WHERE queue = '" + name
                            + "' AND owner IS NULL AND resolved_at IS NULL"));
        }
        assertThat(get("/api/v1/supervisor/holders").size())
                .isEqualTo(count("SELECT count(*) FROM ticket WHERE resolved_at IS NULL"));

        JsonNode volume = get("/api/v1/supervisor/volume?days=30");
        long sum = 0;
        for (var e : volume.get("byCategory").properties()) {
            assertThat(e.getValue().asLong())
                    .as(e.getKey())
                    .isEqualTo(count("SELECT count(*) FROM ticket WHERE category = '" + e.getKey() + "'"));
            sum += e.getValue().asLong();
        }
        assertThat(sum).isEqualTo(count("SELECT count(*) FROM ticket"));
        assertThat(volume.get("hotSpots").size()).isEqualTo(4);

        JsonNode self = get("/api/v1/supervisor/self-service?days=30");
        long conversations = count("SELECT count(DISTINCT conversation_id) FROM message WHERE sender = 'customer'");
        long escalated = count("SELECT count(DISTINCT conversation_id) FROM escalation");
        assertThat(self.get("conversations").asLong()).isEqualTo(conversations);
        assertThat(self.get("settledByBot").asLong()).isEqualTo(conversations - escalated);
        assertThat(self.get("rate").asDouble())
                .isCloseTo(
                        (double) (conversations - escalated) / conversations,
                        org.assertj.core.data.Offset.offset(0.001));

        JsonNode trends = get("/api/v1/supervisor/trends?days=30");
        assertThat(trends.size()).isGreaterThanOrEqualTo(1);
        assertThat(trends.get(0).get("sentiment").isNumber()).isTrue();

        // Transcript search finds the conversation by a word in it; its text comes back as text, and the CSV
        // export defuses the spreadsheet formula.
        JsonNode found = get("/api/v1/supervisor/transcripts?q=ZEBRA-7421");
        assertThat(found.size()).isEqualTo(1);
        assertThat(found.get(0).get("conversationId").asString()).isEqualTo(hostile);
        assertThat(found.get(0).get("lines").get(0).get("text").asString()).startsWith("<script>");
        assertThat(get("/api/v1/supervisor/transcripts?q=no-such-word-anywhere").size())
                .isZero();
        HttpResponse<String> csv = send("GET", "/api/v1/supervisor/transcripts.csv?q=zebra-7421", SUPERVISOR, null);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        var records = org.apache.commons.csv.CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new java.io.StringReader(csv.body()))
                .getRecords();
        assertThat((long) records.size())
                .isEqualTo(count("SELECT count(*) FROM message WHERE conversation_id = '" + hostile + "'"));
        assertThat(records.get(0).get("text")).startsWith("<script>").contains("zebra-7421");
        assertThat(get("/api/v1/supervisor/transcripts?q="
                                + java.net.URLEncoder.encode("最近", java.nio.charset.StandardCharsets.UTF_8))
                        .size())
                .isZero();
        JsonNode voice = get("/api/v1/supervisor/voice");
        assertThat(voice.get("complaints").asLong()).isEqualTo(count("SELECT count(*) FROM ticket"));
        assertThat(voice.get("themes")
                        .valueStream()
                        .mapToLong(t -> t.get("complaints").asLong())
                        .sum())
                .isEqualTo(count("SELECT count(*) FROM ticket"));
        assertThat(send("GET", "/api/v1/supervisor/voice?month=soon", SUPERVISOR, null)
                        .statusCode())
                .isEqualTo(400);
        // Months and limits out of any range were once a 500 each.
        for (String month : List.of("-999999999-01", "+999999999-12", "1899-12", "10000-01")) {
            var r = send("GET", "/api/v1/supervisor/voice?month=" + month, SUPERVISOR, null);
            assertThat(r.statusCode()).as(month).isEqualTo(400);
            assertThat(r.body()).as(month).contains("2026-12");
        }
        for (String limit : List.of("-1", "0", "2147483647")) {
            assertThat(send("GET", "/api/v1/supervisor/transcripts?q=a&limit=" + limit, SUPERVISOR, null)
                            .statusCode())
                    .as("limit " + limit)
                    .isEqualTo(200);
        }
        assertThat(send("GET", "/api/v1/supervisor/transcripts?limit=many", SUPERVISOR, null)
                        .statusCode())
                .isEqualTo(400);

        assertThat(send("GET", "/api/v1/supervisor/sla", AGENT, null).statusCode())
                .as("supervisors only")
                .isEqualTo(403);
    }
}
