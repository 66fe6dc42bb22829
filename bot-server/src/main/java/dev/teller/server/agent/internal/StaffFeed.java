package dev.teller.server.agent.internal;

import dev.teller.server.cluster.ClusterBus;
import dev.teller.server.complaint.ComplaintFiled;
import dev.teller.server.complaint.TicketChanged;
import dev.teller.server.conversation.CustomerMessaged;
import dev.teller.server.conversation.MessageAdded;
import dev.teller.server.sla.SlaBreached;
import dev.teller.server.sla.SlaWarningRaised;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.ObjectMapper;

/**
 * The live feed of the staff pages at {@code /ws/staff} (a logged-in member of staff only): a small frame for
 * every committed change that a console or dashboard shows (a ticket filed or changed, a warning, a breach, a
 * message in a conversation), so that pages refresh what they show without reloading.
 */
@Configuration(proxyBeanMethods = false)
class StaffFeed extends TextWebSocketHandler implements WebSocketConfigurer {

    private final Set<WebSocketSession> sessions = ConcurrentHashMap.newKeySet();
    private final ObjectMapper json;

    private final ClusterBus cluster;

    public StaffFeed(ObjectMapper json, ClusterBus cluster) {
        this.json = json;
        this.cluster = cluster;
        // What another node's change tells its staff pages, ours show too.
        cluster.subscribe(TOPIC, frame -> send(new TextMessage(frame)));
        // Changes may have gone unannounced while Redis was away: pages reload what they show.
        cluster.onResync(() -> send(new TextMessage("{\"type\":\"resync\"}")));
    }

    private static final String TOPIC = "staff";

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // Same origin only: the staff pages are served by this server, and the session cookie guards the feed.
        registry.addHandler(this, "/ws/staff");
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        sessions.add(new ConcurrentWebSocketSessionDecorator(session, 10_000, 1 << 20));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        sessions.removeIf(s -> s.getId().equals(session.getId()));
    }

    /**
     * Every staff page gets every frame, so a frame carries no more than a number and what changed: nothing of
     * a risk ticket (its tier, its queue) reaches an agent outside risk, who then cannot fetch it either.
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void filed(ComplaintFiled e) {
        broadcast("ticket", Map.of("number", e.number(), "change", "filed"));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void changed(TicketChanged e) {
        broadcast("ticket", Map.of("number", e.number(), "change", e.field()));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void warning(SlaWarningRaised e) {
        broadcast("sla", Map.of("ticketId", e.ticketId().toString(), "change", "warning", "percent", e.percent()));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void breach(SlaBreached e) {
        broadcast("sla", Map.of("ticketId", e.ticketId().toString(), "change", "breach", "target", e.target()));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void customer(CustomerMessaged e) {
        broadcast(
                "message", Map.of("conversationId", e.conversationId().toString(), "seq", e.seq(), "from", "customer"));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void added(MessageAdded e) {
        broadcast("message", Map.of("conversationId", e.conversationId().toString(), "seq", e.seq(), "from", e.from()));
    }

    private void broadcast(String type, Map<String, Object> body) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", type);
        frame.putAll(body);
        String text = json.writeValueAsString(frame);
        send(new TextMessage(text));
        cluster.publish(TOPIC, text);
    }

    private void send(TextMessage m) {
        for (WebSocketSession s : sessions) {
            try {
                if (s.isOpen()) {
                    s.sendMessage(m);
                }
            } catch (IOException | IllegalStateException e) {
                sessions.remove(s);
            }
        }
    }
}
