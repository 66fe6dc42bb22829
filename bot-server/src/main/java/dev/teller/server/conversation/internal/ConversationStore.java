package dev.teller.server.conversation.internal;

import dev.teller.server.conversation.ChatMessage;
import dev.teller.server.conversation.Conversations;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Conversations and messages in the database (PostgreSQL, or the embedded H2 by default). */
@Repository
public class ConversationStore {

    private static final TypeReference<Map<String, Object>> META = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    ConversationStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The state the dialogue keeps between turns. */
    public record State(
            String tokenHash,
            String language,
            String state,
            int misses,
            Double lastSentiment,
            ComplaintIntake intake) {}

    public void create(
            UUID id, String tokenHash, String language, String channel, String name, String contact, Instant now) {
        jdbc.sql("""
                        INSERT INTO conversation (id, token_hash, language, channel, customer_name, contact, state, misses, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, 'open', 0, ?)""")
                .params(id, tokenHash, language, channel, name, contact, Timestamp.from(now))
                .update();
    }

    /** The conversation's state, locked until the transaction ends so that its messages get one order. */
    public Optional<State> lock(UUID id) {
        return state(id, true);
    }

    /** The conversation's state as it stands, unlocked: for a guess that the locked write checks. */
    public Optional<State> peek(UUID id) {
        return state(id, false);
    }

    private Optional<State> state(UUID id, boolean lock) {
        return jdbc.sql("""
                        SELECT token_hash, language, state, misses, last_sentiment, intake
                        FROM conversation WHERE id = ?""" + (lock ? " FOR UPDATE" : ""))
                .param(id)
                .query((rs, n) -> new State(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getInt(4),
                        rs.getObject(5) == null ? null : rs.getDouble(5),
                        rs.getString(6) == null ? null : json.readValue(rs.getString(6), ComplaintIntake.class)))
                .optional();
    }

    public Optional<Conversations.Customer> customer(UUID id) {
        return jdbc.sql("SELECT customer_name, contact, channel, language FROM conversation WHERE id = ?")
                .param(id)
                .query((rs, n) ->
                        new Conversations.Customer(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional();
    }

    public Optional<Instant> lastCustomerMessageAt(UUID id) {
        return Optional.ofNullable(jdbc.sql(
                                "SELECT max(created_at) FROM message WHERE conversation_id = ? AND sender = 'customer'")
                        .param(id)
                        .query(Timestamp.class)
                        .single())
                .map(Timestamp::toInstant);
    }

    public Optional<String> tokenHash(UUID id) {
        return jdbc.sql("SELECT token_hash FROM conversation WHERE id = ?")
                .param(id)
                .query(String.class)
                .optional();
    }

    void update(UUID id, String language, String state, int misses, double sentiment, ComplaintIntake intake) {
        jdbc.sql("""
                        UPDATE conversation SET language = ?, state = ?, misses = ?, last_sentiment = ?, intake = ?
                        WHERE id = ?""")
                .params(language, state, misses, sentiment, intake == null ? null : json.writeValueAsString(intake), id)
                .update();
    }

    void insertEscalation(UUID escalationId, UUID id, long messageSeq, DialoguePolicy.Escalation e, Instant now) {
        jdbc.sql("""
                        INSERT INTO escalation (id, conversation_id, message_seq, kind, category, fund_safety, reasons, details, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        escalationId,
                        id,
                        messageSeq,
                        e.kind(),
                        e.category(),
                        e.fundSafety(),
                        json.writeValueAsString(e.reasons()),
                        json.writeValueAsString(e.details()),
                        Timestamp.from(now))
                .update();
    }

    /**
     * What a new customer message is read against, in one round trip: the conversation's token hash (empty when
     * there is no such conversation), its last seq, the seq of a
     * message already stored under {@code clientMessageId} (a message sent again), the text of the last message
     * not from the customer (what the customer may be answering) and the customer's last three texts, oldest
     * first (the context the intents module reads).
     *
     * <p>Each part is ordered by the whole primary key, backwards, so that both databases walk the key from the
     * conversation's end and stop after a row or three; ordered by {@code seq} alone, H2 reads the whole
     * conversation and sorts it, and a long conversation makes every turn slower.
     */
    public Recent recent(UUID id, String clientMessageId) {
        List<Object[]> rows = jdbc.sql("""
                        SELECT 't', 0, token_hash FROM conversation WHERE id = ?
                        UNION ALL (SELECT 'n', seq, NULL FROM message WHERE conversation_id = ?
                         ORDER BY conversation_id DESC, seq DESC LIMIT 1)
                        UNION ALL SELECT 'd', seq, NULL FROM message WHERE conversation_id = ? AND client_message_id = ?
                        UNION ALL (SELECT 'r', seq, text FROM message WHERE conversation_id = ? AND sender <> 'customer'
                                   ORDER BY conversation_id DESC, seq DESC LIMIT 1)
                        UNION ALL (SELECT 'c', seq, text FROM message WHERE conversation_id = ? AND sender = 'customer'
                                   ORDER BY conversation_id DESC, seq DESC LIMIT 3)""")
                .params(id, id, id, new SqlParameterValue(Types.VARCHAR, clientMessageId), id, id)
                .query((rs, n) ->
                        new Object[] {rs.getString(1), rs.getObject(2) == null ? 0L : rs.getLong(2), rs.getString(3)})
                .list();
        String tokenHash = null;
        long last = 0;
        Long sent = null;
        String reply = null;
        List<Object[]> customer = new java.util.ArrayList<>();
        for (Object[] r : rows) {
            switch ((String) r[0]) {
                case "t" -> tokenHash = (String) r[2];
                case "n" -> last = (Long) r[1];
                case "d" -> sent = (Long) r[1];
                case "r" -> reply = (String) r[2];
                default -> customer.add(r);
            }
        }
        customer.sort(java.util.Comparator.comparingLong(r -> (Long) r[1]));
        return new Recent(
                Optional.ofNullable(tokenHash),
                last,
                Optional.ofNullable(sent),
                Optional.ofNullable(reply),
                customer.stream().map(r -> (String) r[2]).toList());
    }

    /** See {@link #recent}; the token hash is empty when there is no such conversation. */
    public record Recent(
            Optional<String> tokenHash,
            long lastSeq,
            Optional<Long> sentBefore,
            Optional<String> lastReplyText,
            List<String> recentTexts) {}

    /** The conversation's last seq and the seq of a message already stored under {@code clientMessageId}. */
    Recent last(UUID id, String clientMessageId) {
        List<Object[]> rows = jdbc.sql("""
                        (SELECT 'n', seq FROM message WHERE conversation_id = ?
                         ORDER BY conversation_id DESC, seq DESC LIMIT 1)
                        UNION ALL SELECT 'd', seq FROM message WHERE conversation_id = ? AND client_message_id = ?""")
                .params(id, id, new SqlParameterValue(Types.VARCHAR, clientMessageId))
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getLong(2)})
                .list();
        long last = 0;
        Long sent = null;
        for (Object[] r : rows) {
            if (r[0].equals("n")) {
                last = (Long) r[1];
            } else {
                sent = (Long) r[1];
            }
        }
        return new Recent(Optional.empty(), last, Optional.ofNullable(sent), Optional.empty(), List.of());
    }

    /**
     * Adds a message after the conversation's last one (the caller holds the conversation's lock).
     *
     * @param meta what the message's {@code meta} is written from (a record or a map), or null for none
     */
    public ChatMessage append(UUID id, String from, String text, Object meta, String clientMessageId, Instant now) {
        long seq = jdbc.sql("""
                        SELECT seq FROM message WHERE conversation_id = ?
                        ORDER BY conversation_id DESC, seq DESC LIMIT 1""").param(id).query(Long.class).optional().orElse(0L) + 1;
        return append(id, seq, from, text, meta, clientMessageId, now);
    }

    /**
     * Adds a message at {@code seq}, which the caller read under the conversation's lock, and returns it as it reads
     * back (its meta as the JSON it was stored as).
     */
    public ChatMessage append(
            UUID id, long seq, String from, String text, Object meta, String clientMessageId, Instant now) {
        Map<String, Object> stored = meta == null ? Map.of() : json.convertValue(meta, META);
        jdbc.sql("""
                        INSERT INTO message (conversation_id, seq, sender, text, meta, client_message_id, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        seq,
                        from,
                        text,
                        // Typed, so that a null binds as the same type as a value and the statement stays prepared.
                        new SqlParameterValue(Types.VARCHAR, stored.isEmpty() ? null : json.writeValueAsString(stored)),
                        new SqlParameterValue(Types.VARCHAR, clientMessageId),
                        Timestamp.from(now))
                .update();
        return new ChatMessage(seq, from, text, now, stored);
    }

    /** What a stored customer message caused: it and the messages after it up to the next customer message. */
    public List<ChatMessage> caused(UUID id, long customerSeq) {
        List<ChatMessage> out = new java.util.ArrayList<>();
        for (ChatMessage m : after(id, customerSeq - 1, 20)) {
            if (!out.isEmpty() && m.from().equals("customer")) {
                break;
            }
            out.add(m);
        }
        return out;
    }

    public List<ChatMessage> after(UUID id, long afterSeq, int limit) {
        return jdbc.sql("""
                        SELECT seq, sender, text, created_at, meta FROM message
                        WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?""")
                .params(id, afterSeq, limit)
                .query((rs, n) -> new ChatMessage(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getString(5) == null ? Map.of() : json.readValue(rs.getString(5), META)))
                .list();
    }
}
