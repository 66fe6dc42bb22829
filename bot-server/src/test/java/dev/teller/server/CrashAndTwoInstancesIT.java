package dev.teller.server;

import static dev.teller.server.PackagedServers.awaitReady;
import static dev.teller.server.PackagedServers.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.teller.server.PackagedServers.Server;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The packaged server as separate processes on the real PostgreSQL: complaints are filed, the server is killed
 * hard (SIGKILL), their deadlines pass while it is down, and two instances start together on the same
 * database. Every timer that fell due fires exactly once between them, every breach is recorded once, and no
 * ticket or message is lost.
 */
class CrashAndTwoInstancesIT {

    static PackagedServers servers;

    @BeforeAll
    static void database() throws Exception {
        servers = new PackagedServers("teller_crash");
    }

    @AfterAll
    static void cleanUp() throws Exception {
        servers.close();
    }

    static Server start(String name, String clockOffset, String... extra) throws Exception {
        List<String> args =
                new ArrayList<>(List.of("--teller.sla.poll-interval=PT0.2S", "--teller.clock.offset=" + clockOffset));
        args.addAll(List.of(extra));
        return servers.start(name, 0, args);
    }

    static long count(String sql) throws Exception {
        return servers.count(sql);
    }

    /** Makes a complaint and answers the bot's questions (at most two) until it is filed. */
    static void complain(Server s, String id, String token, String text) throws Exception {
        String path = "/api/v1/conversations/" + id + "/messages";
        JsonNode r = post(s, path, token, Map.of("text", text));
        for (int i = 0; i < 3; i++) {
            JsonNode asked = r.get("messages")
                    .valueStream()
                    .map(m -> m.path("meta").path("complaintQuestion"))
                    .filter(q -> !q.isMissingNode())
                    .findFirst()
                    .orElse(null);
            if (asked == null) {
                break;
            }
            await().pollDelay(Duration.ofMillis(250)).until(() -> true); // a person takes a moment to answer
            String answer = switch (asked.asString()) {
                case "when" -> "yesterday";
                case "amount" -> "about 200 pounds";
                default -> "the payment to my landlord failed and your staff could not tell me why";
            };
            r = post(s, path, token, Map.of("text", answer));
        }
        assertThat(r.toString()).as("the complaint is filed").contains("\"ticket\"");
    }

    /**
     * The instance's log tells of no duplicate, no failed look for due work ("Unhandled exception"), no execution
     * that failed or could not be completed: db-scheduler's words for each.
     */
    static void assertFiredWithoutTrouble(Server s) throws Exception {
        assertThat(Files.readString(s.log()))
                .as("the log of instance " + s.name())
                .doesNotContain("duplicate key")
                .doesNotContain("Unhandled exception")
                .doesNotContain("Treating as failure")
                .doesNotContain("Failed while completing execution");
    }

    @Test
    void deadlinesThatPassWhileEveryServerIsDownFireOnceBetweenTwoInstancesAndNothingIsLost() throws Exception {
        Server first = start("first", "PT0S");
        awaitReady(first);
        Map<String, String> complaints = new LinkedHashMap<>();
        complaints.put("fund", "Someone used my card without my permission and took money from my account");
        complaints.put(
                "regulator", "Your transfer failed twice this week and I will report you to the financial ombudsman");
        complaints.put(
                "ordinary",
                "I want to make a complaint: the staff at the branch were rude to me yesterday and nobody helped");
        Map<String, String> tokens = new LinkedHashMap<>();
        for (var e : complaints.entrySet()) {
            JsonNode c = post(first, "/api/v1/conversations", null, Map.of("contact", e.getKey() + "@example.com"));
            String id = c.get("conversationId").asString();
            tokens.put(id, c.get("token").asString());
            complain(first, id, c.get("token").asString(), e.getValue());
        }
        long tickets = count("SELECT count(*) FROM ticket");
        long messages = count("SELECT count(*) FROM message");
        assertThat(tickets).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM sla_event")).isZero();

        first.process().destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no clean close

        // Seven hours later, two instances start at once on the same database.
        // Their fund-safety first response is 4 s, so that phase two below sees timers fall due while both run.
        Server b = start("b", "PT7H", "--teller.sla.fund-safety-first-response=PT4S");
        Server c = start("c", "PT7H", "--teller.sla.fund-safety-first-response=PT4S");
        awaitReady(b);
        awaitReady(c);
        String dueByThen = "SELECT count(*) FROM sla_timer WHERE due_at <= now() + interval '7 hours'";
        long due = count(dueByThen);
        assertThat(due).as("timers due within seven hours").isGreaterThanOrEqualTo(8);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> count("SELECT count(*) FROM sla_timer WHERE fired_at IS NOT NULL") >= due);
        // Let both keep polling a little longer: nothing may fire a second time.
        await().during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> count("SELECT count(*) FROM sla_timer WHERE fired_at IS NOT NULL") == due);
        assertThat(count("SELECT count(*) FROM sla_timer WHERE fired_at IS NOT NULL"))
                .isEqualTo(due);
        assertThat(count("SELECT count(*) FROM sla_event")).isEqualTo(due);
        assertThat(
                        count(
                                "SELECT count(*) FROM (SELECT timer_id FROM sla_event GROUP BY timer_id HAVING count(*) > 1) d"))
                .isZero();
        assertThat(count("""
                        SELECT count(*) FROM (SELECT ticket_id, target FROM sla_event WHERE kind = 'breach'
                        GROUP BY ticket_id, target HAVING count(*) > 1) d""")).isZero();
        // The fund-safety ticket missed both its 2-minute first response and its 6-hour resolution, once each.
        assertThat(count("""
                        SELECT count(*) FROM sla_event e JOIN ticket t ON t.id = e.ticket_id
                        WHERE t.fund_safety AND e.kind = 'breach'""")).isEqualTo(2);
        // Each breach is marked on its ticket after its timer's firing commits (an after-commit listener), and the
        // event registry keeps nothing unhandled.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> count("SELECT count(*) FROM event_publication") == 0);
        assertThat(
                        count(
                                "SELECT count(*) FROM ticket WHERE fund_safety AND first_response_breached AND resolution_breached"))
                .isEqualTo(1);
        // The ordinary ticket's 24-hour first response is not due yet.
        assertThat(count("""
                        SELECT count(*) FROM sla_event e JOIN ticket t ON t.id = e.ticket_id
                        WHERE t.tier = 'ordinary' AND e.kind = 'breach'""")).isZero();
        assertThat(count("SELECT count(*) FROM scheduled_tasks WHERE execution_time <= now() + interval '7 hours'"))
                .as("the scheduler's executions that fell due: each ran and is gone, none is left picked")
                .isZero();
        assertThat(count("SELECT count(*) FROM ticket")).isEqualTo(tickets);
        assertThat(count("SELECT count(*) FROM message")).isEqualTo(messages);
        for (Server s : List.of(b, c)) {
            assertFiredWithoutTrouble(s);
        }
        // The conversations carry on, on either instance.
        var any = tokens.entrySet().iterator().next();
        JsonNode reply = post(
                c,
                "/api/v1/conversations/" + any.getKey() + "/messages",
                any.getValue(),
                Map.of("text", "hello again"));
        assertThat(reply.get("messages").size()).isGreaterThanOrEqualTo(2);
        System.out.println("[crash test] " + due + " timers that fell due while the servers were down fired once");

        // Phase two: complaints filed on both instances while both poll; their timers fall due within seconds.
        long before = count("SELECT count(*) FROM sla_timer WHERE fired_at IS NOT NULL");
        for (int i = 0; i < 6; i++) {
            Server on = i % 2 == 0 ? b : c;
            JsonNode conv = post(on, "/api/v1/conversations", null, Map.of("contact", "race" + i + "@example.com"));
            complain(
                    on,
                    conv.get("conversationId").asString(),
                    conv.get("token").asString(),
                    "There is a payment on my card that I did not make, please help");
        }
        long racing = count("SELECT count(*) FROM sla_timer t JOIN ticket k ON k.id = t.ticket_id "
                + "WHERE k.contact LIKE 'race%' AND t.target = 'first_response'");
        assertThat(racing).isEqualTo(6 * 4);
        String firedRacing = "SELECT count(*) FROM sla_timer t JOIN ticket k ON k.id = t.ticket_id "
                + "WHERE k.contact LIKE 'race%' AND t.target = 'first_response' AND t.fired_at IS NOT NULL";
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> count(firedRacing) >= racing);
        // Both keep polling a little longer: nothing may fire a second time.
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> count(firedRacing) == racing);
        assertThat(count(firedRacing)).isEqualTo(racing);
        assertThat(count("SELECT count(*) FROM sla_event"))
                .isEqualTo(count("SELECT count(*) FROM sla_timer WHERE fired_at IS NOT NULL"));
        assertThat(count("SELECT count(*) FROM sla_timer WHERE fired_at IS NOT NULL") - before)
                .isGreaterThanOrEqualTo(racing);
        for (Server s : List.of(b, c)) {
            assertFiredWithoutTrouble(s);
        }
        System.out.println("[crash test] " + racing + " timers raced between two instances, each fired once; fired by "
                + count("SELECT count(DISTINCT fired_by) FROM sla_timer t JOIN ticket k ON k.id = t.ticket_id "
                        + "WHERE k.contact LIKE 'race%' AND t.fired_at IS NOT NULL")
                + " distinct instance(s)");
    }
}
