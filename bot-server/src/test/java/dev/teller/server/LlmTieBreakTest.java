package dev.teller.server;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.teller.intents.Understander;
import dev.teller.intents.Understanding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The language model as the tie-breaker between close intents, over real HTTP with WireMock as the provider:
 * asked with the candidates as a JSON schema, followed when it picks one of them, ignored when it picks
 * anything else, and never asked about a message that says the customer's money is at risk. The margin is
 * widened here so that any message counts as close.
 */
class LlmTieBreakTest extends WithFakeProvider {

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("teller.llm.timeout", () -> "PT2S");
        registry.add("teller.intent-tie-margin", () -> "1.0");
    }

    @Autowired
    Understander understander;

    JsonNode botReply(String text) throws Exception {
        return post(startChat(null), text).stream()
                .filter(m -> m.get("from").asString().equals("bot"))
                .findFirst()
                .orElseThrow();
    }

    void modelPicks(String intent) {
        PROVIDER.stubFor(WireMock.post(urlPathEqualTo("/v1/chat/completions"))
                .willReturn(LlmEndToEndTest.says(JSON.writeValueAsString(Map.of("intent", intent)))
                        .withTransformers(DuringCall.NAME)));
    }

    static final String MESSAGE = "I was charged a fee when I took cash out abroad";

    @Test
    void theModelDecidesBetweenCloseIntentsButOnlyAmongThem() throws Exception {
        Understanding u = understander.understand(MESSAGE, List.of());
        String first = u.intents().get(0).intent();
        String second = u.intents().get(1).intent();

        modelPicks(second);
        assertThat(botReply(MESSAGE).get("meta").get("intent").asString()).isEqualTo(second);
        // The rewording of the article answer is asked at the same time; the tie-break is the call with a schema.
        List<String> asked = PROVIDER.findAll(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))).stream()
                .map(r -> r.getBodyAsString())
                .filter(b -> b.contains("response_format"))
                .toList();
        assertThat(asked).as("one tie-break, asked through a JSON schema").hasSize(1);
        assertThat(asked.get(0)).contains("\"" + first + "\"").contains("\"" + second + "\"");
        assertThat(DuringCall.seen)
                .as("while the model was asked, no conversation's row was locked")
                .isNotEmpty()
                .containsOnly("free");

        PROVIDER.resetAll();
        modelPicks(
                "terminate_account".equals(first) || "terminate_account".equals(second)
                        ? "greeting"
                        : "terminate_account");
        assertThat(botReply(MESSAGE).get("meta").get("intent").asString())
                .as("an intent outside the candidates changes nothing")
                .isEqualTo(first);
    }

    @Test
    void aFundSafetySignalIsNeverPutToTheModel() throws Exception {
        modelPicks("greeting");
        List<JsonNode> replies = post(startChat(null), "Someone used my card without my permission");
        String number = ticketNumber(replies.stream());
        assertThat(JSON.readTree(send("GET", "/api/v1/staff/complaints/" + number, AGENT2, null)
                                .body())
                        .get("ticket")
                        .get("queue")
                        .asString())
                .isEqualTo("risk");
        assertThat(PROVIDER.findAll(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))))
                .as("no call at all")
                .isEmpty();
    }
}
