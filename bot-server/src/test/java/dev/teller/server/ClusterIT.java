package dev.teller.server;

import static dev.teller.server.ChatSocket.messageFrom;
import static dev.teller.server.PackagedServers.awaitReady;
import static dev.teller.server.PackagedServers.call;
import static dev.teller.server.PackagedServers.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.teller.load.SocketLoad;
import dev.teller.server.PackagedServers.Server;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Two packaged servers on two ports, sharing one PostgreSQL database and one Redis (under a key prefix of this
 * run's own), each reaching them through a {@link TcpProxy} so that the test can take either away and give it
 * back: a customer on one node and an agent on the other talk in real time; with Redis gone each node still
 * serves its own connections and the other node catches up when Redis is back; with PostgreSQL gone a message is
 * refused as retryable and nothing unstored is acknowledged; and when one node is killed its customers move to
 * the other and lose nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    static final String PASSWORD = "agents-" + UUID.randomUUID();
    static final String AGENT2 = basic("agent2");
    static String prefix;

    static String basic(String user) {
        return PackagedServers.basic(user, PASSWORD);
    }

    static PackagedServers servers;
    static TcpProxy redis;
    static TcpProxy postgres;
    static Server a;
    static Server b;
    static final List<ChatSocket> sockets = new ArrayList<>();

    @BeforeAll
    static void twoNodes() throws Exception {
        servers = new PackagedServers("teller_cluster");
        redis = new TcpProxy(6379);
        postgres = new TcpProxy(5432);
        prefix = "teller-it-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> args = List.of(
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + servers.db,
                "--teller.redis.url=redis://127.0.0.1:" + redis.port(),
                "--teller.redis.prefix=" + prefix);
        a = servers.start("a", 0, args);
        b = servers.start("b", 0, args);
        awaitReady(a);
        awaitReady(b);
        // The demo accounts' names and queues; on PostgreSQL made by the first admin, never as demo accounts.
        PackagedServers.staff(a, "agent", "agent", List.of("general", "senior"), PASSWORD);
        PackagedServers.staff(a, "agent2", "agent", List.of("general", "risk"), PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        sockets.forEach(ChatSocket::close);
        servers.close();
        redis.close();
        postgres.close();
    }

    static ChatSocket socket(Server s) {
        ChatSocket c = new ChatSocket(s.url());
        sockets.add(c);
        return c;
    }

    /** A fund-safety complaint from a new customer on {@code s}; returns the socket and the ticket's number. */
    static String complain(ChatSocket customer) throws Exception {
        customer.message("Someone used my card without my permission", "c1");
        JsonNode ticket = customer.next(f -> f.path("meta").has("ticket"));
        return ticket.get("meta").get("ticket").get("number").asString();
    }

    static void agentReplies(Server on, String ticket, String text) throws Exception {
        HttpResponse<String> r =
                call(on, "POST", "/api/v1/staff/complaints/" + ticket + "/reply", AGENT2, Map.of("text", text));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    static long lastSeq(List<JsonNode> frames) {
        return frames.stream().mapToLong(f -> f.path("seq").asLong(0)).max().orElse(0);
    }

    @Test
    @Order(0)
    void anAgentOnlineOnOneNodeTakesComplaintsFiledOnBothNeverMoreThanTheirCapacity() throws Exception {
        assertThat(call(b, "POST", "/api/v1/staff/me/presence", AGENT2, Map.of("presence", "online"))
                        .statusCode())
                .isEqualTo(200);
        // Six fund-safety complaints (the risk queue, agent2's) at once, three on each node.
        List<FutureTask<String>> filing = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Server on = i % 2 == 0 ? a : b;
            FutureTask<String> t = new FutureTask<>(() -> {
                JsonNode c = post(on, "/api/v1/conversations", null, Map.of());
                JsonNode r = post(
                        on,
                        "/api/v1/conversations/" + c.get("conversationId").asString() + "/messages",
                        c.get("token").asString(),
                        Map.of("text", "Someone used my card without my permission"));
                return ServerTest.ticketNumber(r.get("messages").valueStream());
            });
            filing.add(t);
            Thread.ofPlatform().start(t);
        }
        List<String> numbers = new ArrayList<>();
        for (FutureTask<String> t : filing) {
            numbers.add(t.get());
        }
        String these = "number IN ('" + String.join("','", numbers) + "')";
        // Routing runs after each filing commits (an after-commit listener): wait until the registry holds nothing.
        await("every complaint routed")
                .atMost(Duration.ofSeconds(30))
                .until(() -> servers.count("SELECT count(*) FROM event_publication") == 0);
        assertThat(servers.count("SELECT count(*) FROM ticket WHERE owner = 'agent2' AND " + these))
                .as("agent2's capacity is 3")
                .isEqualTo(3);
        assertThat(servers.count("SELECT count(*) FROM ticket WHERE owner IS NULL AND " + these))
                .as("the others wait in the queue")
                .isEqualTo(3);
        try (var client = io.lettuce.core.RedisClient.create("redis://127.0.0.1:6379");
                var redisConnection = client.connect()) {
            var r = redisConnection.sync();
            assertThat(r.hget(prefix + ":agents:presence", "agent2")).isEqualTo("online");
            await("agent2's load on Redis")
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> r.hget(prefix + ":agents:load", "agent2"), "3"::equals);
            assertThat(r.hget(prefix + ":agents:load", "agent2"))
                    .as("agent2's load on Redis")
                    .isEqualTo("3");
        }
        assertThat(call(a, "POST", "/api/v1/staff/me/presence", AGENT2, Map.of("presence", "away"))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    @Order(1)
    void aCustomerOnOneNodeAndAnAgentOnTheOtherTalkInRealTime() throws Exception {
        ChatSocket customer = socket(a).hello();
        String ticket = complain(customer);
        // The same customer on a second device, connected to the other node.
        ChatSocket device = socket(b).resume(customer.conversationId, customer.token, 0);
        List<JsonNode> replayed = device.until(f -> f.path("meta").has("ticket"));

        agentReplies(b, ticket, "I'm Ben from the risk team on node b: your card is frozen.");
        JsonNode pushed = customer.next(messageFrom("agent"));
        assertThat(pushed.get("text").asString()).contains("node b");
        assertThat(device.next(messageFrom("agent")).get("seq").asLong())
                .isEqualTo(pushed.get("seq").asLong());

        // The customer answers on node a; the device on node b sees the customer's message and the bot's reply.
        customer.message("thank you, what happens next?", "c2");
        JsonNode mine = device.next(messageFrom("customer"));
        assertThat(mine.get("text").asString()).isEqualTo("thank you, what happens next?");
        assertThat(mine.get("seq").asLong()).isGreaterThan(lastSeq(replayed));
    }

    @Test
    @Order(2)
    void withRedisGoneEachNodeServesItsOwnAndTheOtherCatchesUpWhenItIsBack() throws Exception {
        ChatSocket customer = socket(a).hello();
        String ticket = complain(customer);
        ChatSocket device = socket(b).resume(customer.conversationId, customer.token, 0);
        device.until(f -> f.path("meta").has("ticket"));
        long seen = Math.max(
                lastSeq(device.drain(1)),
                servers.count(
                        "SELECT max(seq) FROM message WHERE " + "conversation_id = '" + customer.conversationId + "'"));
        customer.drain(1);

        redis.cut();
        try {
            // Within a node, delivery goes on: the agent answers on node a, the customer on node a sees it at once.
            agentReplies(a, ticket, "Answered on node a while Redis is away.");
            assertThat(customer.next(messageFrom("agent")).get("text").asString())
                    .contains("while Redis is away");
            customer.message("and my money?", "r1");
            customer.next(messageFrom("bot"));
            // Nothing reaches node b meanwhile: it has no way to hear of it.
            assertThat(device.drain(2))
                    .as("node b cannot hear of it without Redis")
                    .isEmpty();
        } finally {
            redis.restore();
        }
        // Redis is back: node b re-reads what its connections missed and pushes it, in order, once.
        List<JsonNode> caughtUp = device.until(messageFrom("bot"));
        List<Long> seqs = caughtUp.stream()
                .filter(f -> f.path("type").asString().equals("message"))
                .map(f -> f.get("seq").asLong())
                .toList();
        assertThat(seqs).first().isEqualTo(seen + 1);
        assertThat(seqs).isSorted().doesNotHaveDuplicates();
        assertThat(caughtUp.stream().map(f -> f.path("text").asString()))
                .contains("Answered on node a while Redis is away.", "and my money?");
        assertThat(a.process().isAlive() && b.process().isAlive()).isTrue();
        // And delivery across nodes works live again.
        agentReplies(a, ticket, "Live across nodes again.");
        assertThat(device.next(messageFrom("agent")).get("text").asString()).contains("Live across nodes again");
    }

    @Test
    @Order(3)
    void withPostgresGoneAMessageIsRefusedAsRetryableAndNothingUnstoredIsAcknowledged() throws Exception {
        ChatSocket customer = socket(a).hello();
        customer.message("how do I freeze my card", "p0");
        customer.next(messageFrom("bot"));
        JsonNode rest = post(b, "/api/v1/conversations", null, Map.of());
        String path = "/api/v1/conversations/" + rest.get("conversationId").asString() + "/messages";
        String bearer = "Bearer " + rest.get("token").asString();
        long before = servers.count("SELECT count(*) FROM message");

        postgres.cut();
        try {
            customer.message("is my card frozen now?", "p1");
            JsonNode refused = customer.next(f -> !f.path("type").asString().equals("pong"));
            assertThat(refused.get("type").asString()).isEqualTo("error");
            assertThat(refused.get("code").asString()).isEqualTo("unavailable");
            assertThat(refused.get("clientMessageId").asString()).isEqualTo("p1");

            HttpResponse<String> r = call(b, "POST", path, bearer, Map.of("text", "hello", "clientMessageId", "q1"));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
            assertThat(r.body()).contains("nothing was stored");
        } finally {
            postgres.restore();
        }
        assertThat(servers.count("SELECT count(*) FROM message")).isEqualTo(before);

        // Back without a restart: the same messages sent again are stored once and answered.
        await("the message is accepted once PostgreSQL is back")
                .atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(500)) // told to retry in a moment
                .pollInSameThread()
                .untilAsserted(() -> {
                    customer.message("is my card frozen now?", "p1");
                    JsonNode f = customer.next(g -> g.path("type").asString().matches("ack|error"));
                    assertThat(f.path("type").asString()).isEqualTo("ack");
                });
        customer.next(messageFrom("bot"));
        await().atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    HttpResponse<String> again =
                            call(b, "POST", path, bearer, Map.of("text", "hello", "clientMessageId", "q1"));
                    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
                });
        assertThat(servers.count("SELECT count(*) FROM message WHERE client_message_id IN ('p1', 'q1')"))
                .isEqualTo(2);
        assertThat(a.process().isAlive() && b.process().isAlive()).isTrue();
    }

    @Test
    @Order(4)
    void whenOneNodeIsKilledItsCustomersMoveToTheOtherAndLoseNothing() throws Exception {
        SocketLoad load = new SocketLoad(new SocketLoad.Options(
                List.of(a.url(), b.url()),
                30,
                Duration.ofMillis(1500),
                Duration.ofSeconds(24),
                Duration.ofSeconds(3),
                "admin:" + PackagedServers.ADMIN_PASSWORD,
                null,
                true));
        // A thread of its own: the JDK's HTTP client runs some of its steps on the common pool, which a sleeping
        // load.run() would otherwise hold.
        FutureTask<SocketLoad.Result> run = new FutureTask<>(load::run);
        Thread.ofPlatform().name("load").start(run);
        // Half the customers chat on node a, half on node b, for ten seconds of the run.
        await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(15)).until(() -> !run.isDone());
        a.process().destroyForcibly().waitFor(); // SIGKILL: no goodbye to any socket
        SocketLoad.Result r = run.get();
        System.out.println("[cluster test] node a killed mid-run: " + r);
        assertThat(r.sent()).as("messages sent").isGreaterThan(200);
        assertThat(r.reconnects()).as("customers of node a reconnected").isGreaterThanOrEqualTo(15);
        assertThat(r.lost()).as("acknowledged messages lost").isZero();
        assertThat(r.duplicated()).as("messages stored twice").isZero();
        assertThat(r.gaps()).as("seq gaps seen").isZero();
        assertThat(r.unanswered()).as("messages never answered").isZero();
        assertThat(r.errors()).as("error frames").isZero();
        assertThat(r.acked()).isEqualTo(r.sent());
    }
}
