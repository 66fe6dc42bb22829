package dev.teller.server.complaint.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teller.server.conversation.ChatMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each customer message of a ticket's transcript carries what the bot read in it, from the bot's reply to it. */
class UnderstoodTranscriptTest {

    static ChatMessage message(long seq, String from, String text, Map<String, Object> meta) {
        return new ChatMessage(seq, from, text, Instant.EPOCH, meta);
    }

    @Test
    void aCustomerMessageGetsTheUnderstandingOfTheBotsReplyToIt() {
        Map<String, Object> read =
                Map.of("intent", "card_arrival", "confidence", 0.9, "sentiment", -0.4, "complaint", 0.2, "x", 1);
        List<ChatMessage> out = UnderstoodTranscript.of(List.of(
                message(1, "customer", "where is my card", Map.of("clientMessageId", "a")),
                message(2, "system", "…", null),
                message(3, "bot", "It takes 3–5 days.", read),
                message(4, "customer", "thanks", null),
                message(5, "agent", "Hello", Map.of("agent", "agent")),
                message(6, "customer", "hello?", null),
                message(7, "bot", "Anything else?", Map.of("intent", "greeting"))));

        assertThat(out.get(0).meta())
                .containsEntry("clientMessageId", "a")
                .containsEntry(
                        "understanding",
                        Map.of("intent", "card_arrival", "confidence", 0.9, "sentiment", -0.4, "complaint", 0.2));
        assertThat(out.get(3).meta()).as("answered by a person, not the bot").isNull();
        assertThat(out.get(5).meta()).containsKey("understanding");
        assertThat(out.subList(1, 3))
                .isEqualTo(List.of(message(2, "system", "…", null), message(3, "bot", "It takes 3–5 days.", read)));
    }
}
