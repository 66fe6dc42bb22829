package dev.teller.server.chat.internal;

import dev.teller.server.cluster.ClusterBus;
import dev.teller.server.conversation.ChatMessage;
import dev.teller.server.conversation.ConversationNotFound;
import dev.teller.server.conversation.ConversationTexts;
import dev.teller.server.conversation.Conversations;
import dev.teller.server.conversation.CustomerMessaged;
import dev.teller.server.conversation.InvalidMessage;
import dev.teller.server.conversation.MessageAdded;
import dev.teller.server.conversation.TooManyMessages;
import dev.teller.server.security.FrameCheck;
import dev.teller.server.security.FrameLimit;
import dev.teller.server.security.LimitsProperties;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectWriter;

/**
 * The WebSocket channel at {@code /ws/chat}: JSON frames as documented in docs/protocol.md. A connection
 * starts with {@code hello} (a new conversation, or a resume that replays every message after the last one
 * the client saw), then carries {@code message} frames, each answered by an {@code ack} with its stored
 * sequence number and followed by the messages it caused. Bad frames get an {@code error} frame and the
 * connection carries on.
 */
@Component
class ChatSocketHandler extends TextWebSocketHandler {

    /** Close code for a resume whose conversation id and token do not match. */
    static final CloseStatus NOT_AUTHENTICATED = new CloseStatus(4401, "conversation or token not recognised");

    private static final Logger log = LoggerFactory.getLogger(ChatSocketHandler.class);
    private static final String SESSION = "teller.session";

    private final Conversations conversations;
    private final ObjectMapper json;
    /** Writes a server frame with its type first. */
    private final ObjectWriter frames;

    private final ConversationTexts texts;
    /** The open connections of each conversation, for pushing what others add to it. */
    private final Map<UUID, Set<Connection>> live = new ConcurrentHashMap<>();

    private final ClusterBus cluster;
    private final LimitsProperties limits;

    ChatSocketHandler(
            Conversations conversations,
            ConversationTexts texts,
            ObjectMapper json,
            ClusterBus cluster,
            LimitsProperties limits) {
        this.conversations = conversations;
        this.texts = texts;
        this.json = json;
        this.frames = json.writerFor(ServerFrame.class);
        this.cluster = cluster;
        this.limits = limits;
        // Another node added to a conversation that may have connections here.
        cluster.subscribe(TOPIC, id -> pushToAll(UUID.fromString(id)));
        // Notices may have been lost while Redis was away: re-read every conversation followed here.
        cluster.onResync(() -> live.keySet().forEach(this::pushToAll));
    }

    /** The cluster topic on which nodes name a conversation that gained messages. */
    private static final String TOPIC = "conversation";

    /** What a connection knows: its conversation once greeted, and what it has delivered. */
    private static final class Connection {
        final WebSocketSession out;
        /** Every frame of the connection counts against it, whatever it holds. */
        final FrameLimit frames;

        UUID conversationId;
        String token;
        /** The highest sequence number this connection has delivered: nothing is delivered twice. */
        long delivered;
        /** True while this connection's own message is being answered (its ack must come first). */
        boolean posting;

        Connection(WebSocketSession out, FrameLimit frames) {
            this.out = out;
            this.frames = frames;
        }
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        session.getAttributes()
                .put(
                        SESSION,
                        new Connection(
                                new ConcurrentWebSocketSessionDecorator(session, 10_000, 1 << 20),
                                new FrameLimit(limits)));
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage frame) throws IOException {
        Connection c = (Connection) session.getAttributes().get(SESSION);
        // The container counts a text frame's characters; the limit is on its bytes (a character may take four).
        // A UTF-16 character is at most 3 bytes in UTF-8: only a long frame needs counting.
        if (frame.getPayload().length() * 3L > ChatSocketConfig.MAX_FRAME_BYTES
                && frame.getPayloadLength() > ChatSocketConfig.MAX_FRAME_BYTES) {
            c.out.close(CloseStatus.TOO_BIG_TO_PROCESS.withReason("frame over 64 kB"));
            return;
        }
        switch (c.frames.admit()) {
            case PASS -> {}
            case DROP -> {
                String perSecond = String.valueOf((long) c.frames.perSecond());
                error(c, "rate_limited", texts.english("frame.rate-limited", perSecond));
                return;
            }
            case CLOSE -> {
                c.out.close(CloseStatus.POLICY_VIOLATION.withReason("too many frames"));
                return;
            }
        }
        Optional<ClientFrame> in = read(c, frame.getPayload());
        if (in.isEmpty()) {
            return;
        }
        switch (in.get()) {
            case ClientFrame.Hello hello -> {
                synchronized (c) {
                    try {
                        hello(c, hello);
                    } catch (DataAccessException | TransactionException e) {
                        unavailable(c, e, null);
                    }
                }
            }
            case ClientFrame.Message message -> message(c, message);
            case ClientFrame.Typing typing -> {
                // Nobody to tell until agents join (issue 6); accepted so clients can send it already.
            }
            case ClientFrame.Ping ping -> send(c, new ServerFrame.Pong());
            case ClientFrame.Unknown unknown ->
                error(c, "unknown_type", texts.english("frame.unknown-type", unknown.type()));
        }
    }

    /**
     * The frame as the protocol reads it, or empty when it was refused with an error frame: not JSON, not an object
     * with a string {@code type}, or a field of the wrong type ({@link FrameCheck}). Read as a tree first, which is
     * what the check reads; every string in it is masked on the way in (security.StorableText).
     */
    private Optional<ClientFrame> read(Connection c, String payload) throws IOException {
        JsonNode tree;
        try {
            tree = json.readTree(payload);
        } catch (JacksonException e) {
            error(c, "bad_json", texts.english("frame.bad-json"));
            return Optional.empty();
        }
        if (tree == null || !tree.isObject() || !tree.path("type").isString()) {
            error(c, "missing_field", texts.english("frame.no-type"));
            return Optional.empty();
        }
        FrameCheck.Refusal refused = FrameCheck.check(tree);
        if (refused != null) {
            error(c, refused.code(), refused.message());
            return Optional.empty();
        }
        try {
            return Optional.of(json.treeToValue(tree, ClientFrame.class));
        } catch (JacksonException e) {
            // FrameCheck refuses every field of the wrong type first: a frame it passes binds.
            error(c, "missing_field", texts.english("frame.wrong-field"));
            return Optional.empty();
        }
    }

    private void hello(Connection c, ClientFrame.Hello in) throws IOException {
        if (in.resumes()) {
            UUID id;
            try {
                id = UUID.fromString(in.conversationId());
            } catch (IllegalArgumentException e) {
                error(c, "missing_field", texts.english("frame.not-a-uuid"));
                return;
            }
            String token = in.token() == null ? "" : in.token();
            List<ChatMessage> missed;
            try {
                missed = conversations.after(id, token, in.after());
            } catch (ConversationNotFound e) {
                error(c, "not_authenticated", texts.english("frame.not-authenticated"));
                c.out.close(NOT_AUTHENTICATED);
                return;
            }
            c.conversationId = id;
            c.token = token;
            c.delivered = in.after();
            live.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(c);
            send(c, new ServerFrame.Welcome(id.toString(), null, true));
            // Replay page by page: a long absence may have missed more than one page of messages.
            while (!missed.isEmpty()) {
                for (ChatMessage m : missed) {
                    deliver(c, m);
                }
                missed = conversations.after(
                        id, token, missed.get(missed.size() - 1).seq());
            }
            return;
        }
        Conversations.Started s = conversations.start(in.language(), "websocket", in.name(), null);
        c.conversationId = s.conversationId();
        c.token = s.token();
        live.computeIfAbsent(s.conversationId(), k -> ConcurrentHashMap.newKeySet())
                .add(c);
        send(c, new ServerFrame.Welcome(s.conversationId().toString(), s.token(), false));
    }

    private void message(Connection c, ClientFrame.Message in) throws IOException {
        if (c.conversationId == null) {
            error(c, "not_authenticated", texts.english("frame.hello-first"));
            return;
        }
        if (in.text() == null) {
            error(c, "missing_field", texts.english("frame.no-text"));
            return;
        }
        String clientId = in.clientMessageId();
        synchronized (c) {
            c.posting = true;
            try {
                List<ChatMessage> caused;
                try {
                    caused = conversations.post(c.conversationId, c.token, in.text(), clientId);
                } catch (InvalidMessage e) {
                    error(c, "invalid_message", e.getBody().getDetail(), clientId);
                    return;
                } catch (TooManyMessages e) {
                    error(c, "rate_limited", e.getBody().getDetail(), clientId);
                    return;
                } catch (DataAccessException | TransactionException e) {
                    unavailable(c, e, clientId);
                    return;
                }
                send(c, new ServerFrame.Ack(clientId, caused.get(0).seq()));
                for (ChatMessage m : caused) {
                    deliver(c, m);
                }
            } finally {
                c.posting = false;
            }
        }
        // Nothing can have been missed meanwhile: another thread's push waits for this connection's monitor and
        // follows in order, and what this post caused (a ticket's promise among it) is in `caused`.
    }

    /**
     * Pushes what others added to a conversation (an agent's reply, a ticket's promise, an NPS question) to every
     * connection that follows it, once it is committed, in order and without repeating a seq.
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onMessageAdded(MessageAdded added) {
        pushToAll(added.conversationId());
        cluster.publish(TOPIC, added.conversationId().toString());
    }

    /**
     * A customer's message, from any channel, reaches the conversation's other connections (another device, or
     * a connection on another node) too.
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onCustomerMessaged(CustomerMessaged messaged) {
        pushToAll(messaged.conversationId());
        cluster.publish(TOPIC, messaged.conversationId().toString());
    }

    private void pushToAll(UUID conversationId) {
        for (Connection c : live.getOrDefault(conversationId, Set.of())) {
            pushTo(c);
        }
    }

    private void pushTo(Connection c) {
        synchronized (c) {
            // Posting: this thread is delivering its own post's messages (the events of its commit land here).
            if (c.posting || !c.out.isOpen()) {
                return;
            }
            try {
                List<ChatMessage> more = conversations.after(c.conversationId, c.token, c.delivered);
                while (!more.isEmpty()) {
                    for (ChatMessage m : more) {
                        deliver(c, m);
                    }
                    more = conversations.after(
                            c.conversationId, c.token, more.get(more.size() - 1).seq());
                }
            } catch (IOException | RuntimeException e) {
                log.debug("could not push to websocket: {}", e.getMessage());
            }
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Connection c = (Connection) session.getAttributes().get(SESSION);
        if (c != null && c.conversationId != null) {
            Set<Connection> set = live.get(c.conversationId);
            if (set != null) {
                set.remove(c);
                if (set.isEmpty()) {
                    live.remove(c.conversationId, set);
                }
            }
        }
    }

    /** Sends a stored message unless this connection has already delivered it (a replay, then a retry). */
    private void deliver(Connection c, ChatMessage m) throws IOException {
        if (m.seq() > c.delivered) {
            send(c, ServerFrame.Message.of(m));
            c.delivered = m.seq();
        }
    }

    /** The database is out of reach: nothing was stored, and the client may send the same frame again. */
    private void unavailable(Connection c, RuntimeException e, String clientId) throws IOException {
        log.warn("chat refused while storage is unavailable: {}", e.getClass().getSimpleName());
        error(c, "unavailable", texts.english("frame.unavailable"), clientId);
    }

    private void error(Connection c, String code, String message) throws IOException {
        error(c, code, message, null);
    }

    /** An error about one message frame names its clientMessageId, so the client knows which one failed. */
    private void error(Connection c, String code, String message, String clientId) throws IOException {
        send(c, new ServerFrame.Error(code, message, clientId));
    }

    private void send(Connection c, ServerFrame frame) throws IOException {
        if (!c.out.isOpen()) {
            return;
        }
        try {
            c.out.sendMessage(new TextMessage(frames.writeValueAsString(frame)));
        } catch (IOException e) {
            // The client went away while a frame was on its way (a phone losing signal): a disconnect, not a server
            // error for the framework to log with a stack trace. What was stored stays; the client resumes from the
            // last seq it showed.
            log.debug("websocket {} went away during a send: {}", c.out.getId(), e.getMessage());
            try {
                c.out.close(CloseStatus.SESSION_NOT_RELIABLE);
            } catch (IOException | RuntimeException alreadyGone) {
                // nothing left to close
            }
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("websocket {} transport error: {}", session.getId(), exception.getMessage());
    }
}
