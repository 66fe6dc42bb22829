package dev.teller.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class FrameCheckTest {

    static FrameCheck.Refusal check(String frame) {
        return FrameCheck.check(JsonMapper.builder().build().readTree(frame));
    }

    @Test
    void framesAsTheProtocolHasThemPass() {
        assertThat(check("{\"type\":\"hello\",\"language\":\"en\",\"name\":\"Ada\"}"))
                .isNull();
        assertThat(check("{\"type\":\"hello\",\"conversationId\":\"x\",\"token\":\"t\",\"lastSeq\":12}"))
                .isNull();
        assertThat(check("{\"type\":\"message\",\"text\":\"hi\",\"clientMessageId\":7}"))
                .isNull();
        assertThat(check("{\"type\":\"message\",\"text\":null,\"clientMessageId\":null,\"extra\":[1]}"))
                .isNull();
    }

    @Test
    void fieldsOfTheWrongTypeOrTooLongAreRefused() {
        assertThat(check("{\"type\":\"hello\",\"conversationId\":{\"a\":1}}").code())
                .isEqualTo("missing_field");
        assertThat(check("{\"type\":\"hello\",\"token\":[1]}").code()).isEqualTo("missing_field");
        assertThat(check("{\"type\":\"hello\",\"lastSeq\":\"5\"}").code()).isEqualTo("missing_field");
        assertThat(check("{\"type\":\"hello\",\"lastSeq\":1e400}").code()).isEqualTo("missing_field");
        assertThat(check("{\"type\":\"hello\",\"lastSeq\":99999999999999999999}")
                        .code())
                .isEqualTo("missing_field");
        assertThat(check("{\"type\":\"message\",\"text\":\"hi\",\"clientMessageId\":{}}")
                        .code())
                .isEqualTo("missing_field");
        assertThat(check("{\"type\":\"hello\",\"language\":\"english!!\"}").code())
                .isEqualTo("invalid_message");
        assertThat(check("{\"type\":\"hello\",\"name\":\"" + "n".repeat(201) + "\"}")
                        .code())
                .isEqualTo("invalid_message");
    }
}
