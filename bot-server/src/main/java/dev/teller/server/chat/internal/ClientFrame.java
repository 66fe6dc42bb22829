package dev.teller.server.chat.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A frame a client sends on {@code /ws/chat}, bound by its {@code type} (docs/protocol.md). Fields a frame of its type
 * does not have are ignored; a type the protocol does not list is {@link Unknown}. Its strings are masked and made
 * storable as every incoming JSON string is (security.StorableText).
 */
@JsonTypeInfo(
        use = JsonTypeInfo.Id.NAME,
        include = JsonTypeInfo.As.PROPERTY,
        property = "type",
        visible = true,
        defaultImpl = ClientFrame.Unknown.class)
@JsonSubTypes({
    @JsonSubTypes.Type(value = ClientFrame.Hello.class, name = "hello"),
    @JsonSubTypes.Type(value = ClientFrame.Message.class, name = "message"),
    @JsonSubTypes.Type(value = ClientFrame.Typing.class, name = "typing"),
    @JsonSubTypes.Type(value = ClientFrame.Ping.class, name = "ping")
})
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface ClientFrame {

    /**
     * Starts a conversation (with an optional {@code language} and {@code name}), or resumes one: its id and token,
     * and the last seq the client showed.
     *
     * @param conversationId a UUID, checked when the frame is handled (a wrong one is refused as such)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Hello(String conversationId, String token, Long lastSeq, String language, String name)
            implements ClientFrame {

        public boolean resumes() {
            return conversationId != null;
        }

        /** The last seq the client showed, 0 when it gave none. */
        public long after() {
            return lastSeq == null ? 0 : Math.max(0, lastSeq);
        }
    }

    /**
     * A customer message.
     *
     * @param clientMessageId a string or a number (read as its digits), or null
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Message(String text, String clientMessageId) implements ClientFrame {}

    /** The customer is typing: accepted, with nobody to tell until agents join. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Typing() implements ClientFrame {}

    /** The heartbeat, answered by a pong. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Ping() implements ClientFrame {}

    /** A type the protocol does not list, answered by an {@code unknown_type} error that names it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Unknown(String type) implements ClientFrame {}
}
