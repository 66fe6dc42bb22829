package dev.teller.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teller.server.chat.internal.ClientFrame;
import dev.teller.server.chat.internal.ServerFrame;
import dev.teller.server.conversation.ChatMessage;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The /ws/chat frames as Jackson binds and writes them (docs/protocol.md); the end-to-end tests run them live. */
class ChatFramesTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static ClientFrame read(String frame) {
        return JSON.readValue(frame, ClientFrame.class);
    }

    static String write(ServerFrame frame) {
        return JSON.writerFor(ServerFrame.class).writeValueAsString(frame);
    }

    @Test
    void aClientFrameIsBoundByItsTypeWithTheFieldsOfThatType() {
        assertThat(read("{\"type\":\"hello\",\"language\":\"en\",\"name\":\"Ann\",\"extra\":[1,{\"a\":2}]}"))
                .isEqualTo(new ClientFrame.Hello(null, null, null, "en", "Ann"));
        ClientFrame.Hello resume = (ClientFrame.Hello)
                read("{\"type\":\"hello\",\"conversationId\":\"c\",\"token\":\"t\",\"lastSeq\":-1}");
        assertThat(resume.resumes()).isTrue();
        assertThat(resume.after()).isZero();
        assertThat(read("{\"type\":\"message\",\"text\":\"hi\",\"clientMessageId\":\"m-1\"}"))
                .isEqualTo(new ClientFrame.Message("hi", "m-1"));
        assertThat(read("{\"type\":\"message\",\"clientMessageId\":123456789012345678901234567890}"))
                .as("a numeric clientMessageId is read as its digits; a missing text is null")
                .isEqualTo(new ClientFrame.Message(null, "123456789012345678901234567890"));
        assertThat(read("{\"type\":\"typing\",\"seq\":1e400}")).isEqualTo(new ClientFrame.Typing());
        assertThat(read("{\"type\":\"ping\",\"__proto__\":null}")).isEqualTo(new ClientFrame.Ping());
    }

    @Test
    void aTypeTheProtocolDoesNotListIsUnknownWithItsName() {
        assertThat(read("{\"type\":\"fuzz-end-3-1\",\"text\":\"x\"}"))
                .isEqualTo(new ClientFrame.Unknown("fuzz-end-3-1"));
        assertThat(read("{\"type\":\"Hello\"}")).isEqualTo(new ClientFrame.Unknown("Hello"));
        assertThat(read("{\"type\":\"\"}")).isEqualTo(new ClientFrame.Unknown(""));
    }

    @Test
    void aServerFrameIsWrittenWithItsTypeFirst() {
        assertThat(write(new ServerFrame.Ack(null, 3)))
                .as("an ack names the clientMessageId even when the client sent none")
                .isEqualTo("{\"type\":\"ack\",\"clientMessageId\":null,\"seq\":3}");
        assertThat(write(new ServerFrame.Error("bad_json", "The frame is not JSON.", null)))
                .isEqualTo("{\"type\":\"error\",\"code\":\"bad_json\",\"message\":\"The frame is not JSON.\"}");
        assertThat(write(new ServerFrame.Error("invalid_message", "m", "c-1")))
                .isEqualTo(
                        "{\"type\":\"error\",\"code\":\"invalid_message\",\"message\":\"m\",\"clientMessageId\":\"c-1\"}");
        assertThat(write(new ServerFrame.Pong())).isEqualTo("{\"type\":\"pong\"}");
        assertThat(write(new ServerFrame.Welcome("id", null, true)))
                .isEqualTo("{\"type\":\"welcome\",\"conversationId\":\"id\",\"resumed\":true}");
        assertThat(write(new ServerFrame.Welcome("id", "tok", false)))
                .isEqualTo("{\"type\":\"welcome\",\"conversationId\":\"id\",\"token\":\"tok\",\"resumed\":false}");
        ChatMessage m = new ChatMessage(
                2, "bot", "Hi", Instant.parse("2026-11-22T22:03:47.860Z"), Map.of("intent", "greeting"));
        assertThat(write(ServerFrame.Message.of(m)))
                .isEqualTo("{\"type\":\"message\",\"seq\":2,\"from\":\"bot\",\"text\":\"Hi\","
                        + "\"createdAt\":\"2026-11-22T22:03:47.860Z\",\"meta\":{\"intent\":\"greeting\"}}");
    }
}
