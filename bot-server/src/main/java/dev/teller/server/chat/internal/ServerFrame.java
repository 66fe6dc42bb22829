package dev.teller.server.chat.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.teller.server.conversation.ChatMessage;
import java.util.Map;

/** A frame the server sends on {@code /ws/chat}, written with its {@code type} first (docs/protocol.md). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ServerFrame.Welcome.class, name = "welcome"),
    @JsonSubTypes.Type(value = ServerFrame.Ack.class, name = "ack"),
    @JsonSubTypes.Type(value = ServerFrame.Message.class, name = "message"),
    @JsonSubTypes.Type(value = ServerFrame.Pong.class, name = "pong"),
    @JsonSubTypes.Type(value = ServerFrame.Error.class, name = "error")
})
public sealed interface ServerFrame {

    /**
     * The conversation a hello started or resumed.
     *
     * @param token the new conversation's token (shown once); none on a resume
     */
    @JsonPropertyOrder({"conversationId", "token", "resumed"})
    record Welcome(
            String conversationId,
            @JsonInclude(JsonInclude.Include.NON_NULL) String token,
            boolean resumed) implements ServerFrame {}

    /**
     * A message frame stored.
     *
     * @param clientMessageId as the client sent it, null when it sent none
     * @param seq the stored customer message's
     */
    @JsonPropertyOrder({"clientMessageId", "seq"})
    record Ack(String clientMessageId, long seq) implements ServerFrame {}

    /** A stored message of the conversation, as the REST channel shows it. */
    @JsonPropertyOrder({"seq", "from", "text", "createdAt", "meta"})
    record Message(long seq, String from, String text, String createdAt, Map<String, Object> meta)
            implements ServerFrame {

        public static Message of(ChatMessage m) {
            return new Message(m.seq(), m.from(), m.text(), m.createdAt().toString(), m.meta());
        }
    }

    record Pong() implements ServerFrame {}

    /**
     * A frame refused, or a message not stored.
     *
     * @param clientMessageId the refused message frame's, when it had one
     */
    @JsonPropertyOrder({"code", "message", "clientMessageId"})
    record Error(
            String code,
            String message,
            @JsonInclude(JsonInclude.Include.NON_NULL) String clientMessageId) implements ServerFrame {}
}
