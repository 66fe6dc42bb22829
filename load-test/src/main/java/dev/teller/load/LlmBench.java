package dev.teller.load;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the optional language model costs the chat, in one run: Teller on its embedded default with the model
 * off under a WebSocket load, then again with it on against a stand-in OpenAI-compatible provider on loopback
 * that answers every call after a set latency (1 s, a usual hosted model), and a verdict: with the model on, at
 * least 0.9 of the throughput, reply p99 within the provider's latency plus 1.5 s, and no {@code unavailable}.
 * The stand-in answers a rewording with the first article's short answer, cited (so it passes every check and
 * the rewording is really shown), and a tie-break with the classifier's first intent. Each server gets a data
 * directory ({@code -Duser.home}) and a port of its own, started from the packaged server jar. Not a test:
 * {@code load-test/llm-bench.sh [--customers 300] [--think 3s] [--ramp 30s] [--duration 3m] [--latency 1s]}.
 */
public final class LlmBench {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** What one half of the run measured: the load's result and the server's language-model outcomes. */
    record Phase(SocketLoad.Result load, Map<String, Long> llmCalls) {}

    private LlmBench() {}

    /** What one run asks for; {@code jar} is the packaged server each half starts. */
    public record Options(
            int customers, Duration think, Duration ramp, Duration duration, Duration latency, Path jar) {}

    /** Runs both halves and prints the verdict: 0 on PASS, 1 on FAIL, 2 when there is no server jar. */
    public static int run(Options o) throws Exception {
        int customers = o.customers();
        Duration think = o.think();
        Duration ramp = o.ramp();
        Duration duration = o.duration();
        Duration latency = o.latency();
        if (!Files.isRegularFile(o.jar())) {
            System.err.println("error: no server jar at " + o.jar()
                    + ": build it (./teller mvn -q -DskipTests package) or pass --jar");
            return 2;
        }
        String jar = o.jar().toString();
        Path work = Files.createTempDirectory("teller-llm-bench-");
        System.err.printf(
                Locale.ROOT,
                "[llm-bench] %d customers, a message every %s each, %s measured after a %s ramp; the stand-in provider"
                        + " answers in %s; servers' data and logs in %s%n",
                customers,
                Durations.human(think),
                Durations.human(duration),
                Durations.human(ramp),
                Durations.human(latency),
                work);
        StandIn provider = new StandIn(latency);
        Phase off;
        Phase on;
        try {
            off = phase("off", jar, work, List.of(), customers, think, ramp, duration);
            on = phase(
                    "on",
                    jar,
                    work,
                    List.of(
                            "--teller.llm.enabled=true",
                            "--teller.llm.base-url=http://127.0.0.1:" + provider.port() + "/v1",
                            "--teller.llm.api-key=stand-in",
                            // Out of reach, so that every article answer asks the model (the default 6,000 tokens a
                            // conversation would stop asking after a few turns and flatter the figures).
                            "--teller.llm.token-budget=1000000000"),
                    customers,
                    think,
                    ramp,
                    duration);
        } finally {
            provider.stop();
        }
        return report(off, on, latency, provider.asked.get()) ? 0 : 1;
    }

    /** An OpenAI-compatible chat completion (non-streamed) whose one choice says {@code content}. */
    public static String chatCompletion(String content) {
        return JSON.writeValueAsString(Map.of(
                "id",
                "chatcmpl-stand-in",
                "object",
                "chat.completion",
                "created",
                1,
                "model",
                "stand-in",
                "choices",
                List.of(Map.of(
                        "index",
                        0,
                        "message",
                        Map.of("role", "assistant", "content", content),
                        "finish_reason",
                        "stop")),
                "usage",
                Map.of("prompt_tokens", 900, "completion_tokens", 40, "total_tokens", 940)));
    }

    /** Prints both halves side by side and the verdict; true when it passes. */
    static boolean report(Phase off, Phase on, Duration latency, long asked) {
        SocketLoad.Result a = off.load();
        SocketLoad.Result b = on.load();
        double ratio = a.messagesPerSecond() == 0 ? 0 : b.messagesPerSecond() / a.messagesPerSecond();
        double p99Limit = latency.toMillis() + 1500;
        boolean throughput = ratio >= 0.9;
        boolean p99 = b.p99Ms() <= p99Limit;
        boolean unavailable = b.unavailable() == 0 && a.unavailable() == 0;
        boolean clean = a.clean() && b.clean();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-34s %12s %12s%n", "", "LLM off", "LLM on"));
        row(out, "messages/s", a.messagesPerSecond(), b.messagesPerSecond(), "%.1f");
        row(out, "reply p50 ms", a.p50Ms(), b.p50Ms(), "%.1f");
        row(out, "reply p95 ms", a.p95Ms(), b.p95Ms(), "%.1f");
        row(out, "reply p99 ms", a.p99Ms(), b.p99Ms(), "%.1f");
        row(out, "reply max ms", a.maxMs(), b.maxMs(), "%.1f");
        row(out, "unavailable", a.unavailable(), b.unavailable(), "%.0f");
        row(out, "errors", a.errors(), b.errors(), "%.0f");
        row(
                out,
                "lost / duplicated / unanswered",
                a.lost() + a.duplicated() + a.unanswered(),
                b.lost() + b.duplicated() + b.unanswered(),
                "%.0f");
        row(out, "server CPU mean (100 = one core)", a.serverCpuMean(), b.serverCpuMean(), "%.0f");
        row(out, "machine CPU mean %", a.machineCpuMean(), b.machineCpuMean(), "%.0f");
        out.append(String.format(
                Locale.ROOT,
                "language model calls (LLM on, teller_llm_calls_total): %s; the stand-in answered %d%n",
                on.llmCalls(),
                asked));
        out.append(String.format(
                Locale.ROOT, "throughput on/off %.3f (needs >= 0.9): %s%n", ratio, throughput ? "ok" : "FAIL"));
        out.append(String.format(
                Locale.ROOT,
                "reply p99 with the LLM on %.0f ms (needs <= %.0f ms, the provider's %d ms + 1.5 s): %s%n",
                b.p99Ms(),
                p99Limit,
                latency.toMillis(),
                p99 ? "ok" : "FAIL"));
        out.append(String.format(
                Locale.ROOT,
                "unavailable %d off, %d on (needs 0): %s%n",
                a.unavailable(),
                b.unavailable(),
                unavailable ? "ok" : "FAIL"));
        out.append(String.format(
                Locale.ROOT, "nothing lost, duplicated, unanswered or refused: %s%n", clean ? "ok" : "FAIL"));
        boolean pass = throughput && p99 && unavailable && clean;
        out.append(pass ? "PASS" : "FAIL").append('\n');
        System.out.print(out);
        return pass;
    }

    private static void row(StringBuilder out, String name, double off, double on, String format) {
        out.append(String.format(
                Locale.ROOT,
                "%-34s %12s %12s%n",
                name,
                String.format(Locale.ROOT, format, off),
                String.format(Locale.ROOT, format, on)));
    }

    /** Starts a server with {@code settings}, runs the load on it, reads its counters and stops it. */
    private static Phase phase(
            String name,
            String jar,
            Path work,
            List<String> settings,
            int customers,
            Duration think,
            Duration ramp,
            Duration duration)
            throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path home = Files.createDirectories(work.resolve(name));
        // The embedded default's demo admin, with a password of this run's: metrics are for admins.
        String admin = "admin:" + java.util.UUID.randomUUID();
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx1g",
                "-Duser.home=" + home,
                "-jar",
                jar,
                "--server.port=" + port,
                "--teller.staff.demo-password=" + admin.substring("admin:".length())));
        command.addAll(settings);
        Process server = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile())
                .start();
        try {
            String url = "http://localhost:" + port;
            System.err.printf(
                    "[llm-bench] LLM %s: Teller starting on %s (log %s)%n", name, url, work.resolve(name + ".log"));
            ready(url, server);
            SocketLoad.Result r = new SocketLoad(new SocketLoad.Options(
                            List.of(url), customers, think, duration, ramp, admin, work.resolve(name + ".json"), false))
                    .run();
            return new Phase(r, llmCalls(url, admin));
        } finally {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static void ready(String url, Process server) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("Teller at " + url + " stopped while starting: see its log");
            }
            try {
                if (http.send(
                                        HttpRequest.newBuilder(URI.create(url + "/actuator/health/readiness"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("Teller at " + url + " was not ready within 5 minutes");
    }

    private static final Pattern LLM_CALLS =
            Pattern.compile("(?m)^teller_llm_calls_total\\{[^}]*outcome=\"([a-z_]+)\"[^}]*} ([0-9.E]+)$");

    private static Map<String, Long> llmCalls(String url, String admin) throws Exception {
        String metrics = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus"))
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + java.util.Base64.getEncoder()
                                                        .encodeToString(admin.getBytes(
                                                                java.nio.charset.StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Map<String, Long> out = new TreeMap<>();
        Matcher m = LLM_CALLS.matcher(metrics);
        while (m.find()) {
            out.merge(m.group(1), (long) Double.parseDouble(m.group(2)), Long::sum);
        }
        return out;
    }

    /**
     * An OpenAI-compatible chat completions endpoint on loopback that answers after {@code latency}: a tie-break
     * (a request with a response format) with the first intent it lists, a rewording with the first article's
     * short answer and its id.
     */
    static final class StandIn {
        private final HttpServer server;
        final AtomicLong asked = new AtomicLong();

        StandIn(Duration latency) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1000);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/v1/chat/completions", exchange -> {
                try (exchange) {
                    JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
                    Thread.sleep(latency.toMillis());
                    String content = answer(request);
                    byte[] body = chatCompletion(content).getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    asked.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        void stop() {
            server.stop(0);
        }

        private static final Pattern INTENTS = Pattern.compile("Intents: ([a-z_]+)");
        private static final Pattern ARTICLE =
                Pattern.compile("(?s)<article id=\"([^\"]+)\">\\n[^\\n]*\\n(.*?)\\n</article>");

        static String answer(JsonNode request) {
            StringBuilder system = new StringBuilder();
            StringBuilder user = new StringBuilder();
            for (JsonNode m : request.path("messages")) {
                StringBuilder to = m.path("role").asString("").equals("system") ? system : user;
                JsonNode content = m.path("content");
                if (content.isArray()) {
                    content.forEach(part -> to.append(part.path("text").asString("")));
                } else {
                    to.append(content.asString(""));
                }
            }
            if (request.has("response_format")) {
                Matcher m = INTENTS.matcher(system);
                return "{\"intent\": \"" + (m.find() ? m.group(1) : "") + "\"}";
            }
            Matcher a = ARTICLE.matcher(user);
            if (!a.find()) {
                return "I'm not sure.";
            }
            String text = a.group(2).strip().split("\\n\\s*\\n")[0].replace("**", "");
            text = text.replaceFirst("^(Short answer:|简短回答：)\\s*", "");
            if (text.length() > 600) {
                int end = Math.max(text.lastIndexOf(". ", 600), text.lastIndexOf("。", 600));
                text = text.substring(0, end > 0 ? end + 1 : 600);
            }
            return text + " [" + a.group(1) + "]";
        }
    }
}
