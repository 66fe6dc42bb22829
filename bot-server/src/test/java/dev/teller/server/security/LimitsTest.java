package dev.teller.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The limits' arithmetic on a clock the test moves: buckets and flood detection. */
class LimitsTest {

    final AtomicLong now = new AtomicLong(1_000_000_000L);

    void advanceMillis(long ms) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    @Test
    void aBucketLetsItsBurstThroughThenRefillsAtItsRate() {
        TokenBucket b = new TokenBucket(20, 40, now.get());
        int passed = 0;
        for (int i = 0; i < 100; i++) {
            passed += b.tryTake(now.get()) ? 1 : 0;
        }
        assertThat(passed).isEqualTo(40);
        assertThat(b.nanosUntilToken(now.get())).isEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        advanceMillis(500);
        passed = 0;
        for (int i = 0; i < 100; i++) {
            passed += b.tryTake(now.get()) ? 1 : 0;
        }
        assertThat(passed).as("half a second at 20 a second").isEqualTo(10);
        advanceMillis(60_000);
        assertThat(b.isFull(now.get())).isTrue();
    }

    /** Sends {@code perSecond} frames a second, evenly, for {@code seconds}; returns the verdicts. */
    List<FrameLimit.Verdict> send(FrameLimit limit, int perSecond, int seconds) {
        List<FrameLimit.Verdict> out = new ArrayList<>();
        long gap = TimeUnit.SECONDS.toNanos(1) / perSecond;
        for (int i = 0; i < perSecond * seconds; i++) {
            now.addAndGet(gap);
            out.add(limit.admit());
        }
        return out;
    }

    @Test
    void framesWithinTheLimitAllPassAndABurstIsAllowed() {
        FrameLimit limit = new FrameLimit(LimitsProperties.defaults(), now::get);
        for (int i = 0; i < 40; i++) {
            assertThat(limit.admit()).as("frame " + i + " of the burst").isEqualTo(FrameLimit.Verdict.PASS);
        }
        assertThat(limit.admit()).isEqualTo(FrameLimit.Verdict.DROP);
        assertThat(send(limit, 19, 60)).as("a minute just under the rate").containsOnly(FrameLimit.Verdict.PASS);
    }

    @Test
    void aClientJustOverTheLimitIsSlowedButNeverClosed() {
        FrameLimit limit = new FrameLimit(LimitsProperties.defaults(), now::get);
        List<FrameLimit.Verdict> verdicts = send(limit, 40, 120);
        assertThat(verdicts).contains(FrameLimit.Verdict.DROP).doesNotContain(FrameLimit.Verdict.CLOSE);
        long passed =
                verdicts.stream().filter(v -> v == FrameLimit.Verdict.PASS).count();
        assertThat(passed).as("20 a second for 120 s, and the burst").isBetween(2400L, 2441L);
    }

    @Test
    void aClientSendingTenTimesTheLimitIsClosedWithinAFewSeconds() {
        FrameLimit limit = new FrameLimit(LimitsProperties.defaults(), now::get);
        List<FrameLimit.Verdict> verdicts = send(limit, 200, 10);
        int closedAt = verdicts.indexOf(FrameLimit.Verdict.CLOSE);
        assertThat(closedAt).as("closed at all").isPositive();
        assertThat(closedAt / 200.0).as("seconds of flooding before the close").isBetween(1.5, 4.0);
        assertThat(verdicts.subList(0, closedAt)).contains(FrameLimit.Verdict.DROP);
        assertThat(verdicts.subList(closedAt, verdicts.size()))
                .as("once flooding, always closed")
                .containsOnly(FrameLimit.Verdict.CLOSE);
    }
}
