package dev.teller.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged server ({@code target/bot-server.jar}) run as separate processes on a PostgreSQL database made for
 * the test, for what only processes show: a hard kill, several nodes, a service going away under them. Each starts
 * with a first admin ({@link #ADMIN}), as an operator starts one; other staff accounts are made through its admin
 * API ({@link #staff}). Closing it kills every process it started and drops the database.
 */
final class PackagedServers implements AutoCloseable {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    static final String ADMIN_PASSWORD = "admin-" + UUID.randomUUID();
    /** The first admin's login, for {@link #call}. */
    static final String ADMIN = basic("admin", ADMIN_PASSWORD);

    /** An HTTP Basic {@code Authorization} header value. */
    static String basic(String username, String password) {
        return "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString((username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** One running server. */
    record Server(String name, Process process, int port, Path log) {
        String url() {
            return "http://localhost:" + port;
        }
    }

    final String db;
    final Path work;
    private final List<Process> running = new ArrayList<>();

    /** Creates a database {@code <prefix>_<random>} and a working folder for the servers' logs and indexes. */
    PackagedServers(String prefix) throws Exception {
        this.db = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", "")) {
            c.createStatement().execute("CREATE DATABASE " + db);
        }
        this.work = Files.createTempDirectory("teller-" + prefix);
    }

    /** The JDBC URL of the test's database. */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:5432/" + db;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Starts a server named {@code name} on a free port (or {@code port} when above 0) with an index and articles
     * of its own, on the test's database unless {@code args} name another ({@code --spring.datasource.url=…}).
     */
    Server start(String name, int port, List<String> args) throws Exception {
        int p = port > 0 ? port : freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        String jar = System.getProperty("teller.server.jar", "target/bot-server.jar");
        Path log = work.resolve(name + ".log");
        List<String> cmd = new ArrayList<>(List.of(
                java,
                "-Xmx768m",
                "--add-modules",
                "jdk.incubator.vector",
                "-jar",
                jar,
                "--server.port=" + p,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--teller.index=" + work.resolve("index-" + name),
                "--teller.articles=" + work.resolve("articles-" + name),
                "--teller.warm-up=PT0S",
                "--teller.staff.admin-username=admin",
                "--teller.staff.admin-password=" + ADMIN_PASSWORD));
        if (args.stream().noneMatch(a -> a.startsWith("--spring.datasource.url="))) {
            cmd.add("--spring.datasource.url=" + jdbcUrl());
        }
        cmd.addAll(args);
        Process process = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        running.add(process);
        return new Server(name, process, p, log);
    }

    /** Waits until the server says it is ready, failing with its log when it exits or takes over two minutes. */
    static void awaitReady(Server s) throws Exception {
        try {
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(200))
                    .pollInSameThread()
                    .until(() -> ready(s));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("server " + s.name() + " not ready in 120 s: " + tail(s.log()), e);
        }
    }

    /** Whether the server says it is ready; fails with its log when it has exited. */
    private static boolean ready(Server s) throws IOException, InterruptedException {
        assertThat(s.process().isAlive())
                .as("server " + s.name() + " exited; its log: " + tail(s.log()))
                .isTrue();
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(s.url() + "/actuator/health/readiness"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        }
    }

    static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** One HTTP call with JSON; {@code auth} is a whole Authorization header value, or null. */
    static HttpResponse<String> call(Server s, String method, String path, String auth, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(
                                        body instanceof String t ? t : JSON.writeValueAsString(body)));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Makes a staff account through {@code s}'s admin API, as the first admin (already there: left as it is). */
    static void staff(Server s, String username, String role, List<String> queues, String password) throws Exception {
        HttpResponse<String> r = call(
                s,
                "POST",
                "/api/v1/admin/staff",
                ADMIN,
                java.util.Map.of("username", username, "role", role, "queues", queues, "password", password));
        assertThat(r.statusCode()).as(r.body()).isIn(201, 409);
    }

    /** A POST that must succeed (200 or 201); its body as JSON. */
    static JsonNode post(Server s, String path, String token, Object body) throws Exception {
        HttpResponse<String> r = call(s, "POST", path, token == null ? null : "Bearer " + token, body);
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
        return JSON.readTree(r.body());
    }

    /** The first column of the first row of a query on the test's database. */
    long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl(), "postgres", "");
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws Exception {
        for (Process p : running) {
            p.destroyForcibly().waitFor();
        }
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", "")) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        }
    }
}
