package dev.teller.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The load generator: N customers, each on its own WebSocket, each sending a message, waiting for the bot's
 * reply and thinking a while before the next, for a set time. Every ack, every seq and every reply is checked:
 * a seq seen twice is a duplicate, a seq skipped is a loss, and at the end each conversation is read back over
 * REST so that every acknowledged message must be stored, once, at the seq its ack named. A customer whose
 * connection drops reconnects (to the next server when several are given), resumes from the last seq it saw and
 * sends again what was not acknowledged, with the same clientMessageId. Every 10 s and at the end it reports
 * reply latency, throughput and the servers' CPU and heap; the report JSON ({@link Report}) holds the run's
 * setup, its result and its 10-second windows, which {@code load-test/chart} draws. Not a test:
 * {@code load-test/load.sh --url http://localhost:8080 [--url …] --customers 2000 --think 10s --duration 5m}.
 */
public final class SocketLoad {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** Our own customer phrasings, English and Chinese, mixed with openers and closers into many texts. */
    static final List<String> QUESTIONS = List.of(
            "my new card still hasn't arrived",
            "how do I change my PIN",
            "what is the fee for sending money abroad",
            "can I get a virtual card",
            "my top up is still pending",
            "how long does a transfer to another bank take",
            "where can I see my statement",
            "how do I freeze my card",
            "what is the exchange rate for euros",
            "why was my card declined at the shop",
            "how do I set up a standing order",
            "I forgot my online banking password",
            "what's the weather like tomorrow",
            "the app keeps logging me out, this is annoying",
            "我的卡丢了怎么办",
            "转账一般多久到账",
            "外币兑换有手续费吗",
            "怎么修改密码",
            "我的新卡还没收到",
            "信用卡账单在哪里看");

    static final List<String> OPENERS = List.of("", "", "hi, ", "hello, ", "quick question: ", "please help, ");
    static final List<String> CLOSERS = List.of("", "", "?", " thanks", " please", "!");

    /** What one run asks for. */
    public record Options(
            List<String> urls,
            int customers,
            Duration think,
            Duration duration,
            Duration ramp,
            String staff,
            Path report,
            boolean quiet) {}

    /** One 10-second window of the run; the server's CPU is null until its second sample. */
    public record Window(double atSeconds, double repliesPerSecond, double p50Ms, double p99Ms, Double serverCpuPct) {}

    /** How the run was set up, as the options are written. */
    public record Setup(String started, List<String> urls, int customers, String think, String ramp, String duration) {}

    /** The report a run writes: its setup, what it measured, and its windows for the chart. */
    public record Report(Setup setup, Result result, List<Window> windows) {}

    /** What one run measured. */
    public record Result(
            int customers,
            long sent,
            long acked,
            long replied,
            double seconds,
            double messagesPerSecond,
            double p50Ms,
            double p95Ms,
            double p99Ms,
            double maxMs,
            long errors,
            long retries,
            long reconnects,
            long lost,
            long duplicated,
            long gaps,
            long unanswered,
            double serverCpuMax,
            double serverCpuMean,
            double serverHeapMaxMb,
            double machineCpuMean,
            long unavailable) {

        /** True when nothing was lost, duplicated or left unanswered and no server error came back. */
        public boolean clean() {
            return lost == 0 && duplicated == 0 && gaps == 0 && unanswered == 0 && errors == 0;
        }
    }

    private final Options options;
    private final HttpClient http;
    /**
     * The customers' own clients: on a server on this machine, each binds to its own loopback address
     * (127.0.0.2, 127.0.0.3, …, a hundred customers each), as customers come from many addresses, so that the
     * server's per-address limits see what they would see in the field.
     */
    private final List<HttpClient> customerClients = new ArrayList<>();

    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final ExecutorService callbacks = Executors.newFixedThreadPool(2);
    private final List<Customer> customers = new ArrayList<>();
    private final Random random = new Random(42);
    private volatile boolean sending = true;

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    /** Error frames by their code, for the report. */
    private final Map<String, AtomicLong> errorCodes = new ConcurrentHashMap<>();

    private final AtomicLong retries = new AtomicLong();
    /** {@code unavailable} error frames (the server could not store the message then; it was sent again). */
    private final AtomicLong unavailable = new AtomicLong();

    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicInteger open = new AtomicInteger();
    /** Reply latencies in microseconds, three significant digits; a window's come from its interval. */
    private final Recorder latencies = new Recorder(3);

    private final AtomicLong replies = new AtomicLong();

    public SocketLoad(Options options) {
        this.options = options;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .executor(callbacks)
                .build();
        boolean loopback = options.urls().stream().allMatch(u -> {
            String host = URI.create(u).getHost();
            return host.equals("localhost") || host.startsWith("127.");
        });
        int addresses = loopback ? Math.min(250, (options.customers() + 99) / 100) : 0;
        for (int i = 0; i < addresses; i++) {
            try {
                customerClients.add(HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .executor(callbacks)
                        .localAddress(java.net.InetAddress.getByName("127.0.0." + (2 + i)))
                        .build());
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        if (customerClients.isEmpty()) {
            customerClients.add(http);
        }
    }

    /**
     * Checks that every server answers its health check, runs the load and returns the exit code: 0 when the
     * run was clean, 1 when a server is missing, 2 when something was lost, duplicated, unanswered or refused.
     */
    public static int runFromCommandLine(Options o) throws Exception {
        for (String url : o.urls()) {
            try {
                HttpResponse<Void> r = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(url + "/actuator/health"))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() >= 500) {
                    System.err.println("error: Teller at " + url + " is not healthy (" + r.statusCode() + ")");
                    return 1;
                }
            } catch (IOException e) {
                System.err.println("error: no Teller at " + url + " (start it with ./teller run, or pass --url)");
                return 1;
            }
        }
        return new SocketLoad(o).run().clean() ? 0 : 2;
    }

    /** Runs the load and prints progress every 10 s and the result at the end; also writes the JSON report. */
    public Result run() throws Exception {
        say(String.format(
                Locale.ROOT,
                "[load] %d customers on %s, a message every %s each (about %.0f a second), for %s after a %s ramp",
                options.customers(),
                String.join(" ", options.urls()),
                Durations.human(options.think()),
                options.customers() / (options.think().toMillis() / 1000.0),
                Durations.human(options.duration()),
                Durations.human(options.ramp())));
        String started = java.time.Instant.now().toString();
        ServerSampler sampler = new ServerSampler();
        long rampNanos = options.ramp().toNanos();
        for (int i = 0; i < options.customers(); i++) {
            Customer c = new Customer(i);
            customers.add(c);
            long at = rampNanos * i / Math.max(1, options.customers());
            timer.schedule(c::connect, at, TimeUnit.NANOSECONDS);
        }
        Thread.sleep(options.ramp().toMillis());
        // Measure from the end of the ramp: every customer is connected and sending.
        latencies.getIntervalHistogram(); // the ramp's replies: counted, not measured
        Histogram measured = new Histogram(3);
        long t0 = System.nanoTime();
        long end = t0 + options.duration().toNanos();
        long windowAt = t0;
        List<Window> windows = new ArrayList<>();
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(10_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            sampler.sample();
            Histogram window = latencies.getIntervalHistogram();
            measured.add(window);
            double secs = (System.nanoTime() - windowAt) / 1e9;
            windows.add(new Window(
                    (System.nanoTime() - t0) / 1e9,
                    window.getTotalCount() / secs,
                    percentileMs(window, 0.5),
                    percentileMs(window, 0.99),
                    windows.isEmpty() ? null : sampler.lastCpu * 100));
            say(String.format(
                    Locale.ROOT,
                    "[load] %4.0f s  open %d  %.0f replies/s  p50 %.0f ms  p99 %.0f ms  errors %d  reconnects %d  server cpu %.0f%%  heap %.0f MB",
                    (System.nanoTime() - t0) / 1e9,
                    open.get(),
                    window.getTotalCount() / secs,
                    percentileMs(window, 0.5),
                    percentileMs(window, 0.99),
                    errors.get(),
                    reconnects.get(),
                    sampler.lastCpu * 100,
                    sampler.lastHeapMb));
            windowAt = System.nanoTime();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        sending = false;
        // Let every message in flight be answered (or reconnect and be answered) before reading back.
        long settle = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < settle && customers.stream().anyMatch(Customer::waiting)) {
            Thread.sleep(200);
        }
        long unanswered = customers.stream().filter(Customer::waiting).count();
        say("[load] reading every conversation back to check what was acknowledged");
        long lost = 0;
        long duplicated = 0;
        for (Customer c : customers) {
            long[] check = c.verify();
            lost += check[0];
            duplicated += check[1];
        }
        for (Customer c : customers) {
            c.close();
        }
        Result r = new Result(
                options.customers(),
                sent.get(),
                acked.get(),
                replies.get(),
                seconds,
                measured.getTotalCount() / seconds,
                percentileMs(measured, 0.5),
                percentileMs(measured, 0.95),
                percentileMs(measured, 0.99),
                measured.getMaxValue() / 1e3,
                errors.get(),
                retries.get(),
                reconnects.get(),
                lost,
                duplicated,
                gaps.get(),
                unanswered,
                sampler.maxCpu * 100,
                sampler.meanCpu() * 100,
                sampler.maxHeapMb,
                sampler.meanMachineCpu() * 100,
                unavailable.get());
        print(r);
        if (options.report() != null) {
            Setup setup = new Setup(
                    started,
                    options.urls(),
                    options.customers(),
                    Durations.human(options.think()),
                    Durations.human(options.ramp()),
                    Durations.human(options.duration()));
            Files.writeString(options.report(), json(new Report(setup, r, windows)));
            say("[load] report " + options.report() + " (draw it with load-test/chart)");
        }
        timer.shutdownNow();
        callbacks.shutdownNow();
        return r;
    }

    private void print(Result r) {
        say(String.format(
                Locale.ROOT,
                """
                customers: %d
                messages_sent: %d (acknowledged %d, answered %d)
                seconds_measured: %.0f
                messages_per_second: %.1f
                reply_p50_ms: %.1f
                reply_p95_ms: %.1f
                reply_p99_ms: %.1f
                reply_max_ms: %.1f
                errors: %d
                retries: %d (of them after unavailable: %d)
                reconnects: %d
                lost: %d
                duplicated: %d
                seq_gaps: %d
                unanswered: %d
                server_cpu_mean_pct: %.0f (max %.0f; 100 = one core)
                server_heap_max_mb: %.0f
                machine_cpu_mean_pct: %.0f (all cores, server and generator)""",
                r.customers(),
                r.sent(),
                r.acked(),
                r.replied(),
                r.seconds(),
                r.messagesPerSecond(),
                r.p50Ms(),
                r.p95Ms(),
                r.p99Ms(),
                r.maxMs(),
                r.errors(),
                r.retries(),
                r.unavailable(),
                r.reconnects(),
                r.lost(),
                r.duplicated(),
                r.gaps(),
                r.unanswered(),
                r.serverCpuMean(),
                r.serverCpuMax(),
                r.serverHeapMaxMb(),
                r.machineCpuMean()));
        if (!errorCodes.isEmpty()) {
            say("error codes: " + errorCodes);
        }
        System.out.println(JSON.writeValueAsString(r));
    }

    private void say(String line) {
        if (!options.quiet()) {
            System.err.println(line);
        }
    }

    private void record(long nanos) {
        replies.incrementAndGet();
        latencies.recordValue(Math.max(0, nanos / 1000));
    }

    /** The report as the chart script (load-test/chart) reads it. */
    static String json(Report report) {
        return JSON.writeValueAsString(report) + "\n";
    }

    /** The latency at quantile {@code q} (0.99 for p99) in milliseconds; 0 when nothing was measured. */
    static double percentileMs(Histogram micros, double q) {
        return micros.getValueAtPercentile(q * 100) / 1e3;
    }

    /** One customer: a conversation, its socket, and what it sent and saw. */
    private final class Customer implements WebSocket.Listener {
        final int n;
        final Random own;
        String conversationId;
        String token;
        WebSocket socket;
        int urlIndex;
        int failedConnects;
        long lastSeq;
        /** The highest seq of a message not from the customer (a reply) this customer has seen. */
        long lastReplySeq;
        /** The message in flight: its clientMessageId, text, first send, ack seq (0 until acked). */
        String pendingId;

        String pendingText;
        long pendingSentAt;
        long pendingAck;
        int counter;
        final Map<String, Long> ackedSeq = new LinkedHashMap<>();
        final Map<String, String> texts = new ConcurrentHashMap<>();
        final StringBuilder partial = new StringBuilder();
        CompletableFuture<?> sends = CompletableFuture.completedFuture(null);
        volatile boolean closing;

        Customer(int n) {
            this.n = n;
            this.own = new Random(n * 7919L + 1);
            this.urlIndex = n % options.urls().size();
        }

        synchronized boolean waiting() {
            return pendingId != null;
        }

        void connect() {
            String base = options.urls().get(urlIndex % options.urls().size());
            if (customerClients.get(0) != http) {
                base = base.replace("//localhost", "//127.0.0.1"); // bound to IPv4 loopback addresses
            }
            URI uri = URI.create(base.replaceFirst("^http", "ws") + "/ws/chat");
            customerClients
                    .get(n % customerClients.size())
                    .newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(uri, this)
                    .whenComplete((ws, e) -> {
                        if (e != null) {
                            retryConnect();
                        }
                    });
        }

        private void retryConnect() {
            if (closing) {
                return;
            }
            failedConnects++;
            urlIndex++; // try the next server
            long delay = Math.min(5000, 200L << Math.min(5, failedConnects));
            timer.schedule(this::connect, delay / 2 + own.nextInt((int) (delay / 2) + 1), TimeUnit.MILLISECONDS);
        }

        @Override
        public void onOpen(WebSocket ws) {
            synchronized (this) {
                socket = ws;
                sends = CompletableFuture.completedFuture(null);
                failedConnects = 0;
            }
            open.incrementAndGet();
            helloAgain();
            ws.request(1);
        }

        /** Starts the conversation, or resumes it after the last seq seen. */
        private synchronized void helloAgain() {
            Map<String, Object> hello = new LinkedHashMap<>();
            hello.put("type", "hello");
            if (conversationId != null) {
                hello.put("conversationId", conversationId);
                hello.put("token", token);
                hello.put("lastSeq", lastSeq);
            } else {
                hello.put("language", n % 4 == 3 ? "zh" : "en");
            }
            send(hello);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    frame(JSON.readTree(text));
                } catch (RuntimeException e) {
                    errors.incrementAndGet();
                }
            }
            ws.request(1);
            return null;
        }

        private synchronized void frame(JsonNode f) {
            switch (f.path("type").asString("")) {
                case "welcome" -> {
                    if (conversationId == null) {
                        conversationId = f.path("conversationId").asString();
                        token = f.path("token").asString();
                        next(think());
                    } else if (pendingId != null && pendingAck == 0) {
                        retries.incrementAndGet();
                        sendPending(); // not acknowledged before the drop: send again, same clientMessageId
                    }
                }
                case "ack" -> {
                    String id = f.path("clientMessageId").asString("");
                    if (id.equals(pendingId)) {
                        pendingAck = f.path("seq").asLong();
                        if (!ackedSeq.containsKey(id)) {
                            acked.incrementAndGet();
                        }
                        ackedSeq.put(id, pendingAck);
                        if (lastReplySeq > pendingAck) {
                            // Sent again after a reconnect: its reply came already, in the resume's replay.
                            answered();
                        }
                    }
                }
                case "message" -> {
                    long seq = f.path("seq").asLong();
                    if (seq <= lastSeq) {
                        duplicates.incrementAndGet();
                        return;
                    }
                    if (seq > lastSeq + 1) {
                        gaps.incrementAndGet();
                    }
                    lastSeq = seq;
                    if (!"customer".equals(f.path("from").asString())) {
                        lastReplySeq = seq;
                        if (pendingId != null && pendingAck > 0 && seq > pendingAck) {
                            answered();
                        }
                    }
                }
                case "error" -> {
                    String code = f.path("code").asString("");
                    String id = f.path("clientMessageId").asString("");
                    if (code.equals("unavailable")) {
                        unavailable.incrementAndGet();
                    }
                    if (code.equals("unavailable") && id.isEmpty()) {
                        // The hello itself could not be served (the database is away): say hello again shortly.
                        retries.incrementAndGet();
                        timer.schedule(this::helloAgain, 1, TimeUnit.SECONDS);
                    } else if (id.equals(pendingId) && (code.equals("rate_limited") || code.equals("unavailable"))) {
                        retries.incrementAndGet();
                        timer.schedule(this::resend, 1, TimeUnit.SECONDS);
                    } else {
                        errors.incrementAndGet();
                        errorCodes.computeIfAbsent(code, k -> new AtomicLong()).incrementAndGet();
                        if (id.equals(pendingId)) {
                            pendingId = null;
                            next(think());
                        }
                    }
                }
                default -> {
                    // pong and anything newer
                }
            }
        }

        /** The message in flight has its reply: time it, and think before the next. */
        private void answered() {
            record(System.nanoTime() - pendingSentAt);
            pendingId = null;
            next(think());
        }

        private synchronized void resend() {
            if (pendingId != null && pendingAck == 0) {
                sendPending();
            }
        }

        private long think() {
            // Around the think time, never in lockstep: 0.5 to 1.5 times it.
            long t = options.think().toMillis();
            return t / 2 + (long) (own.nextDouble() * t);
        }

        private void next(long afterMillis) {
            if (!sending || closing) {
                return;
            }
            timer.schedule(this::sendNew, afterMillis, TimeUnit.MILLISECONDS);
        }

        private synchronized void sendNew() {
            if (!sending || closing || pendingId != null) {
                return;
            }
            counter++;
            pendingId = "m" + counter;
            pendingText = OPENERS.get(own.nextInt(OPENERS.size()))
                    + QUESTIONS.get(own.nextInt(QUESTIONS.size()))
                    + CLOSERS.get(own.nextInt(CLOSERS.size()));
            texts.put(pendingId, pendingText);
            pendingAck = 0;
            pendingSentAt = System.nanoTime();
            sent.incrementAndGet();
            sendPending();
        }

        private void sendPending() {
            send(Map.of("type", "message", "text", pendingText, "clientMessageId", pendingId));
        }

        private synchronized void send(Map<String, Object> frame) {
            WebSocket ws = socket;
            if (ws == null || ws.isOutputClosed()) {
                return;
            }
            String text = JSON.writeValueAsString(frame);
            sends = sends.thenCompose(x -> ws.sendText(text, true)).exceptionally(e -> null);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            dropped(ws);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            dropped(ws);
        }

        private void dropped(WebSocket ws) {
            synchronized (this) {
                if (socket != ws) {
                    return;
                }
                socket = null;
            }
            open.decrementAndGet();
            if (closing) {
                return;
            }
            reconnects.incrementAndGet();
            urlIndex++; // the server may be gone: try the next one
            timer.schedule(this::connect, 100 + own.nextInt(400), TimeUnit.MILLISECONDS);
        }

        /** Reads the conversation back: {lost, duplicated} among what was acknowledged. */
        long[] verify() throws Exception {
            if (conversationId == null) {
                return new long[] {0, 0};
            }
            Map<Long, JsonNode> stored = new LinkedHashMap<>();
            long after = 0;
            for (int tries = 0; ; ) {
                JsonNode page;
                try {
                    page = get("/api/v1/conversations/" + conversationId + "/messages?after=" + after);
                } catch (IOException e) {
                    if (++tries > 5) {
                        throw e;
                    }
                    urlIndex++;
                    Thread.sleep(500);
                    continue;
                }
                JsonNode ms = page.path("messages");
                if (ms.isEmpty()) {
                    break;
                }
                for (JsonNode m : ms) {
                    stored.put(m.path("seq").asLong(), m);
                    after = m.path("seq").asLong();
                }
            }
            long lost = 0;
            synchronized (this) {
                for (var e : ackedSeq.entrySet()) {
                    JsonNode m = stored.get(e.getValue());
                    if (m == null
                            || !"customer".equals(m.path("from").asString())
                            || !m.path("text").asString().equals(texts.get(e.getKey()))) {
                        lost++;
                    }
                }
                long customerMessages = stored.values().stream()
                        .filter(m -> "customer".equals(m.path("from").asString()))
                        .count();
                // Every message sent was sent until acknowledged, under one clientMessageId: more stored means
                // one was stored twice.
                long duplicated = Math.max(0, customerMessages - texts.size());
                return new long[] {lost, duplicated};
            }
        }

        /** A read as this customer (from its own address), waiting as a 429 says. */
        private JsonNode get(String path) throws Exception {
            HttpClient client = customerClients.get(n % customerClients.size());
            while (true) {
                String base = options.urls().get(urlIndex % options.urls().size());
                if (client != http) {
                    base = base.replace("//localhost", "//127.0.0.1");
                }
                HttpResponse<String> r = client.send(
                        HttpRequest.newBuilder(URI.create(base + path))
                                .header("Authorization", "Bearer " + token)
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 429) {
                    Thread.sleep(1000L
                            * Long.parseLong(
                                    r.headers().firstValue("Retry-After").orElse("1")));
                    continue;
                }
                if (r.statusCode() != 200) {
                    throw new IOException("read-back " + r.statusCode() + ": " + r.body());
                }
                return JSON.readTree(r.body());
            }
        }

        void close() {
            closing = true;
            WebSocket ws;
            synchronized (this) {
                ws = socket;
            }
            if (ws != null) {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
            }
        }
    }

    /** Reads the servers' CPU and heap from their Prometheus endpoint (with a staff login when one is given). */
    private final class ServerSampler {
        double lastCpu;
        double lastHeapMb;
        double maxCpu;
        double maxHeapMb;
        double sumCpu;
        double sumMachine;
        int samples;

        void sample() {
            double cpu = 0;
            double heap = 0;
            double machine = 0;
            boolean any = false;
            for (String url : options.urls()) {
                try {
                    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus"))
                            .timeout(Duration.ofSeconds(5));
                    if (options.staff() != null) {
                        b.header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(options.staff().getBytes(StandardCharsets.UTF_8)));
                    }
                    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        continue;
                    }
                    any = true;
                    for (String line : r.body().split("\n")) {
                        if (line.startsWith("process_cpu_usage ")) {
                            cpu += value(line);
                        } else if (line.startsWith("system_cpu_usage ")) {
                            machine = Math.max(machine, value(line));
                        } else if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                            heap += value(line) / (1024 * 1024);
                        }
                    }
                } catch (IOException | InterruptedException | RuntimeException e) {
                    // a server that is down (a fault run) has nothing to report
                }
            }
            if (!any) {
                return;
            }
            // process_cpu_usage is a share of all cores; shown as a share of one core (100 = one core busy).
            int cores = Runtime.getRuntime().availableProcessors();
            lastCpu = cpu * cores;
            lastHeapMb = heap;
            maxCpu = Math.max(maxCpu, lastCpu);
            maxHeapMb = Math.max(maxHeapMb, heap);
            sumCpu += lastCpu;
            sumMachine += machine;
            samples++;
        }

        double meanCpu() {
            return samples == 0 ? 0 : sumCpu / samples;
        }

        double meanMachineCpu() {
            return samples == 0 ? 0 : sumMachine / samples;
        }

        private double value(String line) {
            return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
    }
}
