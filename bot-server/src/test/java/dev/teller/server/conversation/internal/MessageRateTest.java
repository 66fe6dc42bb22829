package dev.teller.server.conversation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The per-conversation message limit counts in the clock's whole seconds, each conversation on its own. */
class MessageRateTest {

    @Test
    void aConversationMaySendItsLimitEachSecondOfTheClock() {
        MessageRate rate = new MessageRate(5);
        UUID one = UUID.randomUUID();
        long second = 1_790_000_000_000L;
        for (int i = 0; i < 5; i++) {
            assertThat(rate.allow(one, second + 900 + i)).as("message " + i).isTrue();
        }
        assertThat(rate.allow(one, second + 999)).as("the sixth in that second").isFalse();
        assertThat(rate.allow(UUID.randomUUID(), second + 999))
                .as("another conversation")
                .isTrue();
        assertThat(rate.allow(one, second + 1000))
                .as("the next second of the clock")
                .isTrue();
        for (int i = 0; i < 4; i++) {
            rate.allow(one, second + 1500);
        }
        assertThat(rate.allow(one, second + 1999)).isFalse();
    }

    @Test
    void manyConversationsAreForgottenOnceTheirSecondIsOver() {
        MessageRate rate = new MessageRate(1);
        UUID busy = UUID.randomUUID();
        long second = 1_790_000_000_000L;
        assertThat(rate.allow(busy, second)).isTrue();
        int most = 0;
        for (int i = 0; i < 30_000; i++) {
            rate.allow(UUID.randomUUID(), second + 1000 + i / 5); // 5,000 new conversations a second
            most = Math.max(most, rate.remembered());
        }
        assertThat(most).as("conversations remembered at once").isLessThanOrEqualTo(10_000 + 5_000);
        assertThat(rate.allow(busy, second + 7000))
                .as("a new second: allowed again")
                .isTrue();
        assertThat(rate.allow(busy, second + 7500)).as("and counted").isFalse();
    }
}
