package dev.teller.server;

import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every test WebSocket client of ours does with the JDK's client: joins a text message's parts and hands it on
 * whole, records how the connection closed, and sends frames (a string as is, anything else as JSON). The clients
 * differ only in what they keep of a frame.
 */
abstract class TextFrames implements WebSocket.Listener {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    /** What broke the connection on the client's side, when it broke (closed is then -1). */
    volatile Throwable error;

    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;

    /** One whole text frame as it came. */
    abstract void received(String frame);

    void send(Object frame) {
        socket.sendText(frame instanceof String s ? s : JSON.writeValueAsString(frame), true)
                .join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received(partial.toString());
            partial.setLength(0);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        this.error = error;
        closed.complete(-1);
    }
}
