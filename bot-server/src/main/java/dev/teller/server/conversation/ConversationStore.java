package dev.teller.server.conversation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Conversations and messages in the database (PostgreSQL, or the embedded H2 by default). */
@Repository
class ConversationStore {

    private static final TypeReference<Map<String, Object>> META = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    ConversationStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The state the dialogue keeps between turns. */
    record State(
            String tokenHash,
            String language,
            String state,
            int misses,
            Double lastSentiment,
            ComplaintIntake intake) {}

    void create(UUID id, String tokenHash, String language, String channel, String name, String contact, Instant now) {
        jdbc.sql("""
                        INSERT INTO conversation (id, token_hash, language, channel, customer_name, contact, state, misses, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, 'open', 0, ?)""")
                .params(id, tokenHash, language, channel, name, contact, Timestamp.from(now))
                .update();
    }

    /** The conversation's state, locked until the transaction ends so that its messages get one order. */
    Optional<State> lock(UUID id) {
        return jdbc.sql("""
                        SELECT token_hash, language, state, misses, last_sentiment, intake
                        FROM conversation WHERE id = ? FOR UPDATE""")
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

    Optional<Conversations.Customer> customer(UUID id) {
        return jdbc.sql("SELECT customer_name, contact, channel, language FROM conversation WHERE id = ?")
                .param(id)
                .query((rs, n) ->
                        new Conversations.Customer(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional();
    }

    Optional<String> tokenHash(UUID id) {
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

    /** The text of the last message not from the customer (what the customer may be answering), if any. */
    Optional<String> lastReplyText(UUID id) {
        return jdbc.sql("""
                        SELECT text FROM message WHERE conversation_id = ? AND sender <> 'customer'
                        ORDER BY seq DESC LIMIT 1""").param(id).query(String.class).optional();
    }

    /** The seq of the customer message already stored under this client message id, if any. */
    Optional<Long> seqOfClientMessage(UUID id, String clientMessageId) {
        return jdbc.sql("SELECT seq FROM message WHERE conversation_id = ? AND client_message_id = ?")
                .params(id, clientMessageId)
                .query(Long.class)
                .optional();
    }

    ChatMessage append(
            UUID id, String from, String text, Map<String, Object> meta, String clientMessageId, Instant now) {
        long seq = jdbc.sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM message WHERE conversation_id = ?")
                .param(id)
                .query(Long.class)
                .single();
        jdbc.sql("""
                        INSERT INTO message (conversation_id, seq, sender, text, meta, client_message_id, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        seq,
                        from,
                        text,
                        meta.isEmpty() ? null : json.writeValueAsString(meta),
                        clientMessageId,
                        Timestamp.from(now))
                .update();
        return new ChatMessage(seq, from, text, now, meta);
    }

    List<ChatMessage> after(UUID id, long afterSeq, int limit) {
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

    /** The customer's recent messages, oldest first: the context the intents module reads. */
    List<String> recentCustomerTexts(UUID id, int limit) {
        List<String> newestFirst =
                jdbc.sql("""
                        SELECT text FROM message WHERE conversation_id = ? AND sender = 'customer'
                        ORDER BY seq DESC LIMIT ?""").params(id, limit).query(String.class).list();
        return newestFirst.reversed();
    }
}
