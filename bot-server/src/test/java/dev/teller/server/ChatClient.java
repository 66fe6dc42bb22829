package dev.teller.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * A real WebSocket client of {@code /ws/chat} (the JDK's), from a chosen loopback address and with chosen headers,
 * that queues every text frame it receives as it came (raw text) and records how the connection closed; and a raw
 * HTTP upgrade request, for reading a refused handshake's status, headers and body.
 */
final class ChatClient extends TextFrames {

    /** One HttpClient per local address: each has a selector thread of its own. */
    private static final Map<String, HttpClient> CLIENTS = new ConcurrentHashMap<>();

    final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

    static HttpClient http(String localAddress) {
        return CLIENTS.computeIfAbsent(localAddress, a -> {
            try {
                return HttpClient.newBuilder()
                        .localAddress(InetAddress.getByName(a))
                        .build();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Opens {@code /ws/chat} from {@code localAddress} (such as 127.0.0.2) with these extra headers. */
    static CompletableFuture<ChatClient> open(int port, String localAddress, Map<String, String> headers) {
        ChatClient c = new ChatClient();
        WebSocket.Builder b = http(localAddress).newWebSocketBuilder();
        headers.forEach(b::header);
        return b.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/chat"), c)
                .thenApply(ws -> {
                    c.socket = ws;
                    return c;
                });
    }

    static ChatClient connect(int port, String localAddress) {
        return open(port, localAddress, Map.of()).join();
    }

    /** The HTTP status that refused a handshake, or 101 when it succeeded. */
    static int handshakeStatus(CompletableFuture<ChatClient> opening) {
        try {
            ChatClient c = opening.join();
            c.socket.abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    @Override
    void received(String frame) {
        frames.add(frame);
    }

    /** The next frame, parsed, failing after 30 seconds. */
    JsonNode next() throws InterruptedException {
        String f = frames.poll(30, TimeUnit.SECONDS);
        assertThat(f).as("a frame within 30 s").isNotNull();
        return JSON.readTree(f);
    }

    /** Frames up to and including the first one of this type (and code, for errors). */
    JsonNode until(String type) throws InterruptedException {
        JsonNode f;
        do {
            f = next();
        } while (!f.path("type").asString().equals(type));
        return f;
    }

    void abort() {
        if (socket != null) {
            socket.abort();
        }
    }

    /** A response read off a raw socket: its status, headers (lower-case names) and body. */
    record RawResponse(int status, Map<String, String> headers, String body) {}

    /** Sends a WebSocket upgrade request for {@code /ws/chat} by hand and reads the response's head and body. */
    static RawResponse upgrade(int port, String localAddress, Map<String, String> headers) throws IOException {
        try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(localAddress), 0)) {
            s.setSoTimeout(30_000);
            byte[] key = new byte[16];
            new java.util.Random().nextBytes(key);
            StringBuilder req = new StringBuilder("GET /ws/chat HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:")
                    .append(port)
                    .append("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n")
                    .append("Sec-WebSocket-Key: ")
                    .append(Base64.getEncoder().encodeToString(key))
                    .append("\r\n");
            headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
            req.append("\r\n");
            s.getOutputStream().write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> h = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    h.merge(
                            lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).strip(),
                            (a, b) -> a + ", " + b);
                }
            }
            String body = "";
            if (status != 101) {
                body = new String(body(in, h), StandardCharsets.UTF_8);
            }
            return new RawResponse(status, h, body);
        }
    }

    private static byte[] body(InputStream in, Map<String, String> headers) throws IOException {
        if (headers.containsKey("content-length")) {
            return in.readNBytes(Integer.parseInt(headers.get("content-length")));
        }
        if (!"chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            return in.readAllBytes();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(line(in).split(";")[0].strip(), 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(size));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
