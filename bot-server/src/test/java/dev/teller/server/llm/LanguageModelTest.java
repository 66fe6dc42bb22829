package dev.teller.server.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.teller.server.conversation.AnswerPhrasing.Passage;
import dev.teller.server.llm.internal.LlmProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The breaker, the budget and the output checks, with the provider's side played by a scripted chat model. */
class LanguageModelTest {

    static final List<Passage> PASSAGES =
            List.of(new Passage("en-change-pin", "How do I change my card PIN?", "Change it in the app or at an ATM."));

    static LlmProperties props(int budget, int failuresToOpen) {
        return props(budget, failuresToOpen, 16);
    }

    static LlmProperties props(int budget, int failuresToOpen, int maxConcurrentCalls) {
        return new LlmProperties(
                true,
                "http://unused",
                "",
                "m",
                Duration.ofSeconds(2),
                0,
                budget,
                failuresToOpen,
                Duration.ofMinutes(1),
                1200,
                maxConcurrentCalls);
    }

    static final class Scripted implements ChatModel {
        final AtomicInteger calls = new AtomicInteger();
        final boolean fail;

        Scripted(boolean fail) {
            this.fail = fail;
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            calls.incrementAndGet();
            if (fail) {
                throw new InternalServerException("down");
            }
            return ChatResponse.builder()
                    .aiMessage(AiMessage.from("Change it in the app or at an ATM [en-change-pin]."))
                    .tokenUsage(new TokenUsage(400, 100))
                    .build();
        }
    }

    @Test
    void anOpenBreakerSendsNothingUntilItsTimeIsUp() {
        var clock = new dev.teller.server.MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
        Scripted down = new Scripted(true);
        var meters = new SimpleMeterRegistry();
        LanguageModel p = new LanguageModel(props(1_000_000, 3), meters, clock, down);
        for (int i = 0; i < 5; i++) {
            assertThat(p.phrase(UUID.randomUUID(), "pin?", true, PASSAGES)).isEmpty();
        }
        assertThat(down.calls.get()).as("three failures open the breaker").isEqualTo(3);
        assertThat(meters.counter("teller.llm.calls", "outcome", "circuit_open").count())
                .isEqualTo(2);
        clock.advance(Duration.ofMinutes(2));
        p.phrase(UUID.randomUUID(), "pin?", true, PASSAGES);
        assertThat(down.calls.get()).as("tried again after openFor").isEqualTo(4);
    }

    @Test
    void onceItsTimeIsUpTheBreakerOpensAgainOnlyWhenAsManyCallsFail() {
        var clock = new dev.teller.server.MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger failUntil = new AtomicInteger(3);
        ChatModel flaky = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                if (calls.incrementAndGet() <= failUntil.get()) {
                    throw new InternalServerException("down");
                }
                return new Scripted(false).doChat(request);
            }
        };
        var meters = new SimpleMeterRegistry();
        LanguageModel p = new LanguageModel(props(1_000_000, 3), meters, clock, flaky);
        for (int i = 0; i < 3; i++) {
            p.phrase(UUID.randomUUID(), "pin?", true, PASSAGES);
        }
        assertThat(p.phrase(UUID.randomUUID(), "pin?", true, PASSAGES)).isEmpty();
        assertThat(calls.get()).as("open after three failures").isEqualTo(3);

        clock.advance(Duration.ofMinutes(2));
        failUntil.set(5);
        assertThat(p.phrase(UUID.randomUUID(), "pin?", true, PASSAGES)).isEmpty();
        assertThat(p.phrase(UUID.randomUUID(), "pin?", true, PASSAGES)).isEmpty();
        assertThat(p.phrase(UUID.randomUUID(), "pin?", true, PASSAGES))
                .as("two more failures, then an answer: it stays closed")
                .isPresent();
        assertThat(p.phrase(UUID.randomUUID(), "pin?", true, PASSAGES)).isPresent();
        assertThat(calls.get()).isEqualTo(7);

        failUntil.set(10);
        for (int i = 0; i < 3; i++) {
            p.phrase(UUID.randomUUID(), "pin?", true, PASSAGES);
        }
        assertThat(calls.get()).as("three failures in a row again").isEqualTo(10);
        p.phrase(UUID.randomUUID(), "pin?", true, PASSAGES);
        assertThat(calls.get()).as("open again").isEqualTo(10);
        assertThat(meters.counter("teller.llm.calls", "outcome", "circuit_open").count())
                .isEqualTo(2);
    }

    @Test
    void aServerErrorIsTriedAgainAndATimeoutIsNot() {
        AtomicInteger calls = new AtomicInteger();
        ChatModel once = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                if (calls.incrementAndGet() == 1) {
                    throw new InternalServerException("down");
                }
                return new Scripted(false).doChat(request);
            }
        };
        LlmProperties oneRetry = new LlmProperties(
                true,
                "http://unused",
                "",
                "m",
                Duration.ofSeconds(30),
                1,
                1_000_000,
                5,
                Duration.ofMinutes(1),
                1200,
                16);
        var meters = new SimpleMeterRegistry();
        assertThat(new LanguageModel(oneRetry, meters, Clock.systemUTC(), once)
                        .phrase(UUID.randomUUID(), "pin?", true, PASSAGES))
                .isPresent();
        assertThat(calls.get()).isEqualTo(2);

        AtomicInteger slow = new AtomicInteger();
        ChatModel late = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                slow.incrementAndGet();
                throw new dev.langchain4j.exception.TimeoutException("read timed out");
            }
        };
        assertThat(new LanguageModel(oneRetry, meters, Clock.systemUTC(), late)
                        .phrase(UUID.randomUUID(), "pin?", true, PASSAGES))
                .isEmpty();
        assertThat(slow.get()).as("the time is up: no second try").isEqualTo(1);
        assertThat(meters.counter("teller.llm.calls", "outcome", "timeout").count())
                .isEqualTo(1);
    }

    @Test
    void aConversationOverItsBudgetGetsArticleTextOnly() {
        Scripted up = new Scripted(false);
        var meters = new SimpleMeterRegistry();
        LanguageModel p = new LanguageModel(props(1500, 5), meters, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), up);
        UUID conversation = UUID.randomUUID();
        assertThat(p.phrase(conversation, "pin?", true, PASSAGES)).isPresent();
        assertThat(p.phrase(conversation, "pin?", true, PASSAGES)).isPresent();
        assertThat(p.phrase(conversation, "pin?", true, PASSAGES))
                .as("1,000 tokens spent")
                .isEmpty();
        assertThat(meters.counter("teller.llm.calls", "outcome", "budget").count())
                .isEqualTo(1);
        assertThat(p.phrase(UUID.randomUUID(), "pin?", true, PASSAGES))
                .as("another conversation")
                .isPresent();
        assertThat(up.calls.get()).isEqualTo(3);
    }

    @Test
    void whenEverySlotIsTakenTheNextCallIsNotMadeButCountedAsSaturated() throws Exception {
        var entered = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        var calls = new AtomicInteger();
        ChatModel slow = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                calls.incrementAndGet();
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return ChatResponse.builder()
                        .aiMessage(AiMessage.from("Change it in the app or at an ATM [en-change-pin]."))
                        .build();
            }
        };
        var meters = new SimpleMeterRegistry();
        LlmProperties one = new LlmProperties(
                true, "http://unused", "", "m", Duration.ofMinutes(1), 0, 1_000_000, 5, Duration.ofMinutes(1), 1200, 1);
        LanguageModel p = new LanguageModel(one, meters, Clock.systemUTC(), slow);
        var first = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> p.phrase(UUID.randomUUID(), "pin?", true, PASSAGES));
        assertThat(entered.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.phrase(UUID.randomUUID(), "pin?", true, PASSAGES))
                .as("no slot free: the article's text at once")
                .isEmpty();
        assertThat(meters.counter("teller.llm.calls", "outcome", "saturated").count())
                .isEqualTo(1);
        release.countDown();
        assertThat(first.get(30, java.util.concurrent.TimeUnit.SECONDS)).isPresent();
        assertThat(calls.get())
                .as("the refused call never reached the provider")
                .isEqualTo(1);
        assertThat(p.phrase(UUID.randomUUID(), "pin?", true, PASSAGES))
                .as("the slot is free again")
                .isPresent();
    }

    @Test
    void anAnswerWithAFigureItsArticleLacksIsCountedAsUngrounded() {
        ChatModel inventive = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                return ChatResponse.builder()
                        .aiMessage(AiMessage.from("Change it in the app or at an ATM; it costs £37 [en-change-pin]."))
                        .build();
            }
        };
        var meters = new SimpleMeterRegistry();
        LanguageModel p = new LanguageModel(props(1_000_000, 5), meters, Clock.systemUTC(), inventive);
        assertThat(p.phrase(UUID.randomUUID(), "pin?", true, PASSAGES)).isEmpty();
        assertThat(meters.counter("teller.llm.calls", "outcome", "ungrounded").count())
                .isEqualTo(1);
        assertThat(meters.counter("teller.llm.calls", "outcome", "ok").count()).isZero();
    }

    @Test
    void theChecksRefuseWhatMustNotReachACustomer() {
        LanguageModel p =
                new LanguageModel(props(1000, 5), new SimpleMeterRegistry(), Clock.systemUTC(), new Scripted(false));
        assertThat(p.check("Use the app [en-change-pin].", true, PASSAGES))
                .get()
                .extracting(r -> r.text())
                .isEqualTo("Use the app.");
        assertThat(p.check("Please confirm your PIN here [en-change-pin].", true, PASSAGES))
                .isEmpty();
        assertThat(p.check("Card 4111 1111 1111 1111 [en-change-pin]", true, PASSAGES))
                .isEmpty();
        assertThat(p.check("x".repeat(1300) + " [en-change-pin]", true, PASSAGES))
                .isEmpty();
        assertThat(p.check("Reference: " + LanguageModel.CANARY + " [en-change-pin]", true, PASSAGES))
                .isEmpty();
        assertThat(p.check("在 App 里修改 [en-change-pin]。", false, PASSAGES)).isPresent();
        assertThat(p.check("请告诉我你的验证码 [en-change-pin]。", false, PASSAGES)).isEmpty();
        assertThat(p.check("You should invest your savings in tech stocks now [en-change-pin].", true, PASSAGES))
                .isEmpty();
        assertThat(p.check("建议您购买这只基金 [en-change-pin]。", false, PASSAGES)).isEmpty();
    }
}
