package dev.teller.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * 10,000 random frames (seeded, so a failure can be replayed) over real WebSocket connections: valid and invalid
 * types, missing, extra and wrongly typed fields, deep nesting, huge numbers, strings near the limits, random
 * Unicode (unpaired surrogates among it) and broken JSON. Afterwards the server is healthy: every frame it sent is
 * a JSON object with a known type, no connection was closed for a server error (1011), health is UP and a normal
 * conversation still works.
 *
 * <p>A connection may send 20 frames a second after a burst of 40 ({@code teller.limits}): each connection here
 * sends at most 35 random frames and an end marker, so the frame limit is never what answers (the rate-limit tests
 * check it). Each batch of connections comes from a loopback address of its own, so the per-address limits are not
 * reached either.
 */
@ExtendWith(OutputCaptureExtension.class)
class RandomFramesTest extends OnPostgres {

    static final int FRAMES = 10_000;
    static final int PER_CONNECTION = 35;
    static final int PARALLEL = 20;
    /** The server's limit on a chat frame (ChatSocketConfig): a frame over it is refused with 1009. */
    static final int MAX_FRAME_BYTES = 64 * 1024;

    static final Set<String> TYPES = Set.of("welcome", "ack", "message", "pong", "error");

    /** Random frames, most of them wrong in some way. */
    static final class Frames {
        final Random random;

        Frames(Random random) {
            this.random = random;
        }

        String next() {
            int kind = random.nextInt(100);
            if (kind < 18) {
                return broken();
            } else if (kind < 25) {
                return pick(
                        "[]",
                        "[1,2,3]",
                        "42",
                        "-0",
                        "1e400",
                        "\"just a string\"",
                        "null",
                        "true",
                        "",
                        " ",
                        "{}",
                        "[{\"type\":\"ping\"}]");
            } else if (kind < 34) {
                return "{\"type\":" + anyValue(2) + extras() + "}";
            } else if (kind < 45) {
                return "{\"type\":" + string() + extras() + "}";
            } else if (kind < 55) {
                return "{\"type\":\"ping\"" + extras() + "}";
            } else if (kind < 60) {
                return "{\"type\":\"typing\"" + extras() + "}";
            } else if (kind < 63) {
                return "{\"type\":\"hello\"" + field("language") + field("name") + extras() + "}";
            } else if (kind < 69) {
                String id =
                        pick("\"" + UUID.randomUUID() + "\"", "\"not-a-uuid\"", "\"\"", "null", anyValue(2), string());
                return "{\"type\":\"hello\",\"conversationId\":" + id + ",\"token\":" + anyValue(1) + ",\"lastSeq\":"
                        + pick(number(), anyValue(1), "-1", "0") + extras() + "}";
            } else if (kind < 90) {
                String text = random.nextInt(3) == 0 ? anyValue(2) : string();
                return "{\"type\":\"message\""
                        + (random.nextInt(10) == 0 ? "" : ",\"text\":" + text)
                        + (random.nextBoolean() ? ",\"clientMessageId\":" + pick(string(), anyValue(1)) : "")
                        + extras() + "}";
            } else if (kind < 95) {
                return deep();
            } else if (kind < 98) {
                return "{\"type\":\"message\",\"text\":\"" + "x".repeat(60_000 + random.nextInt(8_000)) + "\"}";
            } else {
                return "{\"type\":" + pick("\"ping\"", "\"message\"", "\"hello\"") + ",\"n\":" + number() + "}";
            }
        }

        @SafeVarargs
        final <T> T pick(T... options) {
            return options[random.nextInt(options.length)];
        }

        String broken() {
            String valid = "{\"type\":\"message\",\"text\":" + string() + "}";
            return switch (random.nextInt(6)) {
                case 0 -> valid.substring(0, random.nextInt(valid.length()));
                case 1 -> valid + pick("}", ",", "garbage", "{}", "\"");
                case 2 -> valid.replace("\"type\"", "type");
                case 3 -> "{\"type\":\"ping\",}";
                case 4 -> "{'type':'ping'}";
                default -> {
                    StringBuilder b = new StringBuilder();
                    for (int i = random.nextInt(200); i > 0; i--) {
                        b.append((char) (32 + random.nextInt(95)));
                    }
                    yield b.toString();
                }
            };
        }

        String number() {
            return pick(
                    "1e400",
                    "-1e400",
                    "123456789012345678901234567890123456789",
                    "9223372036854775808",
                    "-9223372036854775809",
                    "1" + "0".repeat(2000),
                    "0.000000000000000000000001",
                    "NaN",
                    "Infinity",
                    "01",
                    Long.toString(random.nextLong()),
                    Double.toString(random.nextDouble() * 1e300));
        }

        /** Any JSON value, nested at most {@code depth} deep. */
        String anyValue(int depth) {
            int kind = random.nextInt(depth > 0 ? 8 : 5);
            return switch (kind) {
                case 0 -> string();
                case 1 -> number();
                case 2 -> pick("true", "false");
                case 3 -> "null";
                case 4 -> Integer.toString(random.nextInt(1000) - 500);
                case 5 -> "[" + anyValue(depth - 1) + "," + anyValue(depth - 1) + "]";
                default -> "{\"" + (char) ('a' + random.nextInt(26)) + "\":" + anyValue(depth - 1) + "}";
            };
        }

        String field(String name) {
            return random.nextBoolean() ? "" : ",\"" + name + "\":" + anyValue(1);
        }

        String extras() {
            StringBuilder b = new StringBuilder();
            for (int i = random.nextInt(3); i > 0; i--) {
                b.append(",\"")
                        .append(pick("type2", "extra", "seq", "token", "meta", "__proto__", "constructor", "x"))
                        .append(i)
                        .append("\":")
                        .append(anyValue(2));
            }
            return b.toString();
        }

        String deep() {
            int depth = pick(50, 400, 1_000, 3_000, 20_000);
            String open = random.nextBoolean() ? "[" : "{\"a\":";
            String close = open.equals("[") ? "]" : "}";
            return "{\"type\":\"message\",\"text\":" + open.repeat(depth) + "1" + close.repeat(depth) + "}";
        }

        /** A JSON string: random Unicode, sometimes long (near the 2,000 characters a message may have). */
        String string() {
            int length = switch (random.nextInt(10)) {
                case 0 -> 0;
                case 1 -> 1_990 + random.nextInt(20);
                case 2 -> 5_000 + random.nextInt(5_000);
                default -> random.nextInt(60);
            };
            StringBuilder raw = new StringBuilder();
            StringBuilder escapes = new StringBuilder();
            for (int i = 0; i < length; i++) {
                int which = random.nextInt(20);
                if (which == 0) {
                    // An unpaired surrogate can only travel as a JSON escape.
                    escapes.append(pick("\\ud800", "\\udfff", "\\udc00\\ud800", "\\u0000", "\\u001b"));
                    continue;
                }
                int cp = switch (which) {
                    case 1 -> random.nextInt(0x20);
                    case 2 -> 0x0590 + random.nextInt(0x0200); // Hebrew, Arabic
                    case 3 -> 0x1F300 + random.nextInt(0x0300); // emoji
                    case 4 -> 0x4E00 + random.nextInt(0x5000); // CJK
                    case 5 -> pick(0x202E, 0x200B, 0xFEFF, 0xFFFD, 0x10FFFF, 0xE000);
                    default -> 0x20 + random.nextInt(0x5F);
                };
                raw.appendCodePoint(cp);
            }
            String json = JSON.writeValueAsString(raw.toString());
            return escapes.isEmpty() ? json : json.substring(0, json.length() - 1) + escapes + "\"";
        }
    }

    @Test
    void tenThousandRandomFramesLeaveTheServerHealthy(CapturedOutput output) throws Exception {
        Frames frames = new Frames(new Random(20261203L));
        Map<Integer, Integer> closes = new TreeMap<>();
        Set<ChatClient> oversized = Collections.newSetFromMap(new IdentityHashMap<>());
        List<String> broken = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        int sent = 0;
        int received = 0;
        int connections = 0;
        long start = System.nanoTime();
        for (int batch = 0; sent < FRAMES; batch++) {
            String from = "127.0.1." + (1 + batch % 250);
            List<ChatClient> open = new ArrayList<>();
            List<ChatClient> done = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                open.add(ChatClient.connect(port, from));
                connections++;
            }
            for (int f = 0; f < PER_CONNECTION && sent < FRAMES; f++) {
                for (int i = 0; i < open.size() && sent < FRAMES; i++) {
                    ChatClient c = open.get(i);
                    if (c.closed.isDone()) {
                        // Closed by the server (a refused resume, a frame over 64 kB): carry on on a new one.
                        done.add(c);
                        c = ChatClient.connect(port, from);
                        connections++;
                        open.set(i, c);
                    }
                    String frame = frames.next();
                    if (frame.getBytes(StandardCharsets.UTF_8).length > MAX_FRAME_BYTES) {
                        oversized.add(c);
                    }
                    try {
                        c.send(frame);
                        sent++;
                    } catch (CompletionException e) {
                        // The server closed it while this frame was on its way: the frame does not count.
                    }
                }
            }
            for (int i = 0; i < open.size(); i++) {
                ChatClient c = open.get(i);
                String marker = "fuzz-end-" + batch + "-" + i;
                if (!c.closed.isDone()) {
                    try {
                        c.send(Map.of("type", marker));
                    } catch (CompletionException e) {
                        // closed meanwhile
                    }
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                boolean ended = false;
                while (!ended && !(c.closed.isDone() && c.frames.isEmpty())) {
                    assertThat(System.nanoTime())
                            .as("connection " + batch + "/" + i + " answers within 30 s")
                            .isLessThan(deadline);
                    String frame = c.frames.poll(100, TimeUnit.MILLISECONDS);
                    if (frame != null) {
                        received++;
                        ended = frame.contains(marker);
                        check(frame, malformed);
                    }
                }
                done.add(c);
            }
            for (ChatClient c : done) {
                for (String frame = c.frames.poll(); frame != null; frame = c.frames.poll()) {
                    received++;
                    check(frame, malformed);
                }
                if (c.closed.isDone()) {
                    int code = c.closed.getNow(0);
                    if (code == -1 && oversized.contains(c) && c.error instanceof java.io.IOException) {
                        // The server closed the connection (1009) while this client was still writing its
                        // oversized frame, so the client saw its socket break before the close frame (as a broken
                        // pipe, a reset or an end of stream, as the timing falls).
                        code = 1009;
                    } else if (code == -1) {
                        broken.add(String.valueOf(c.error));
                    }
                    closes.merge(code, 1, Integer::sum);
                }
                c.abort();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "[random frames] %d frames over %d connections in %.1f s; %d frames back %s; closed by the server: %s%n",
                sent, connections, seconds, received, kinds, closes);

        assertThat(sent).isEqualTo(FRAMES);
        assertThat(malformed)
                .as("frames from the server that are not a JSON object with a known type")
                .isEmpty();
        assertThat(closes.keySet())
                .as("close codes: only a refused resume (4401) or a frame over 64 kB (1009), never 1011 or 1008;"
                        + " connections that broke without a close frame: " + broken)
                .isSubsetOf(4401, 1009);
        assertThat(received).as("the server answered").isGreaterThan(FRAMES / 2);
        assertThat(kinds)
                .as("valid frames among the random ones went all the way through")
                .containsKeys("welcome", "ack", "message", "pong", "error bad_json", "error unknown_type");
        assertThat(output.getAll())
                .as("the server's own account: no connection closed for an exception, no frame taken for an outage")
                .doesNotContain("Closing session due to exception")
                .doesNotContain("storage is unavailable");

        assertThat(JSON.readTree(send("GET", "/actuator/health", null, null).body())
                        .get("status")
                        .asString())
                .isEqualTo("UP");
        ChatClient c = ChatClient.connect(port, "127.0.1.251");
        try {
            c.send(Map.of("type", "hello", "language", "en"));
            assertThat(c.next().get("type").asString()).isEqualTo("welcome");
            c.send(Map.of("type", "message", "text", "how do I change my PIN", "clientMessageId", "after"));
            JsonNode ack = c.next();
            assertThat(ack.get("type").asString()).isEqualTo("ack");
            assertThat(ack.get("seq").asLong()).isEqualTo(1);
            assertThat(c.next().get("from").asString()).isEqualTo("customer");
            JsonNode bot = c.next();
            assertThat(bot.get("from").asString()).isEqualTo("bot");
            assertThat(bot.get("meta").get("articleId").asString()).isEqualTo("en-change-pin");
        } finally {
            c.abort();
        }
    }

    /** What came back, by type (and error code). */
    final Map<String, Integer> kinds = new TreeMap<>();

    void check(String frame, List<String> malformed) {
        try {
            JsonNode f = JSON.readTree(frame);
            if (f == null
                    || !f.isObject()
                    || !f.path("type").isString()
                    || !TYPES.contains(f.get("type").asString())) {
                malformed.add(frame.length() > 200 ? frame.substring(0, 200) : frame);
                return;
            }
            String type = f.get("type").asString();
            kinds.merge(type.equals("error") ? "error " + f.path("code").asString() : type, 1, Integer::sum);
        } catch (RuntimeException e) {
            malformed.add(
                    e.getClass().getSimpleName() + ": " + (frame.length() > 200 ? frame.substring(0, 200) : frame));
        }
    }
}
