package dev.teller.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Drives concurrent conversations through a running Teller over its REST channel (the whole pipeline:
 * masking, storage, understanding, search, dialogue) and prints reply latency and throughput. Not a test:
 * {@code load-test/bench.sh [--url U] [--conversations N] [--messages M]}.
 */
public final class ChatBench {

    /** Customer messages of our own, English and Chinese, answered, unknown and complaining. */
    static final List<String> MESSAGES = List.of(
            "my new card still hasn't arrived",
            "how do I change my PIN",
            "what is the fee for sending money abroad",
            "我的卡丢了怎么办",
            "转账一般多久到账",
            "hello",
            "I was charged twice for the same coffee, this is ridiculous",
            "can I get a virtual card",
            "what's the weather like tomorrow",
            "外币兑换有手续费吗",
            "my top up is still pending",
            "I want to talk to a person");

    private static final Pattern START = Pattern.compile("\"conversationId\":\"([^\"]+)\",\"token\":\"([^\"]+)\"");

    /** Sends the server asked to repeat later (429), across all conversations. */
    private static final AtomicInteger RATE_LIMITED = new AtomicInteger();

    private ChatBench() {}

    /** Runs the bench and prints its figures; 1 when no Teller answers at {@code url}. */
    public static int run(String url, int conversations, int perConversation) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            http.send(
                    HttpRequest.newBuilder(URI.create(url + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException e) {
            System.err.println("error: no Teller at " + url + " (start it with ./teller run, or pass --url)");
            return 1;
        }
        // Warm-up: one conversation, every message once.
        runConversation(http, url, MESSAGES.size(), 0, new long[MESSAGES.size()], new AtomicInteger());
        long[][] latencies = new long[conversations][perConversation];
        RATE_LIMITED.set(0);
        AtomicInteger failures = new AtomicInteger();
        System.err.printf(
                Locale.ROOT,
                "[bench] %d conversations x %d messages against %s%n",
                conversations,
                perConversation,
                url);
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> all = new ArrayList<>();
            for (int c = 0; c < conversations; c++) {
                int n = c;
                all.add(pool.submit(() -> {
                    runConversation(http, url, perConversation, n, latencies[n], failures);
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Histogram micros = new Histogram(3);
        for (long[] conversation : latencies) {
            for (long nanos : conversation) {
                if (nanos > 0) {
                    micros.recordValue(nanos / 1000);
                }
            }
        }
        long messages = micros.getTotalCount();
        double p50 = SocketLoad.percentileMs(micros, 0.5);
        double p99 = SocketLoad.percentileMs(micros, 0.99);
        System.out.printf(
                Locale.ROOT,
                "conversations: %d%nmessages: %d%nfailures: %d%nrate_limited_retries: %d%n",
                conversations,
                messages,
                failures.get(),
                RATE_LIMITED.get());
        System.out.printf(
                Locale.ROOT, "p50_ms: %.1f%np99_ms: %.1f%nmessages_per_second: %.1f%n", p50, p99, messages / seconds);
        System.out.printf(
                Locale.ROOT,
                "{\"conversations\":%d,\"messages\":%d,\"failures\":%d,\"rate_limited_retries\":%d,\"p50_ms\":%.1f,\"p99_ms\":%.1f,\"messages_per_second\":%.1f}%n",
                conversations,
                messages,
                failures.get(),
                RATE_LIMITED.get(),
                p50,
                p99,
                messages / seconds);
        return 0;
    }

    private static void runConversation(
            HttpClient http, String url, int count, int offset, long[] out, AtomicInteger failures) throws Exception {
        HttpResponse<String> started = http.send(
                HttpRequest.newBuilder(URI.create(url + "/api/v1/conversations"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = START.matcher(started.body());
        if (!m.find()) {
            failures.addAndGet(count);
            return;
        }
        for (int i = 0; i < count; i++) {
            String text = MESSAGES.get((offset + i) % MESSAGES.size());
            String body = "{\"text\":\"" + text.replace("\"", "\\\"") + "\",\"clientMessageId\":\"b" + i + "\"}";
            long s;
            HttpResponse<String> r = null;
            int tries = 0;
            do {
                if (tries > 0) {
                    // The server allows a conversation a few messages a second (as a person types); a reply
                    // faster than that is told to wait. Wait as told, and time the accepted send only.
                    RATE_LIMITED.incrementAndGet();
                    Thread.sleep(1000L
                            * Long.parseLong(
                                    r.headers().firstValue("Retry-After").orElse("1")));
                }
                s = System.nanoTime();
                r = http.send(
                        HttpRequest.newBuilder(URI.create(url + "/api/v1/conversations/" + m.group(1) + "/messages"))
                                .header("Authorization", "Bearer " + m.group(2))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                out[i] = System.nanoTime() - s;
            } while (r.statusCode() == 429 && ++tries <= 5);
            if (r.statusCode() != 200) {
                failures.incrementAndGet();
                out[i] = 0;
            }
        }
    }
}
