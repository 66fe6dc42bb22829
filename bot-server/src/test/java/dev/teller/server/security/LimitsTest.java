package dev.teller.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teller.server.security.internal.Buckets;
import dev.teller.server.security.internal.ClientLimits;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The limits' arithmetic on a clock the test moves: buckets, flood detection, and the bounded address table. */
class LimitsTest {

    final AtomicLong now = new AtomicLong(1_000_000_000L);

    void advanceMillis(long ms) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    @Test
    void aBucketLetsItsBurstThroughThenRefillsAtItsRate() {
        Bucket b = Buckets.of(20, 40, now::get);
        int passed = 0;
        for (int i = 0; i < 100; i++) {
            passed += b.tryConsume(1) ? 1 : 0;
        }
        assertThat(passed).isEqualTo(40);
        assertThat(b.estimateAbilityToConsume(1).getNanosToWaitForRefill())
                .isEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        advanceMillis(500);
        passed = 0;
        for (int i = 0; i < 100; i++) {
            passed += b.tryConsume(1) ? 1 : 0;
        }
        assertThat(passed).as("half a second at 20 a second").isEqualTo(10);
        advanceMillis(60_000);
        assertThat(b.getAvailableTokens()).as("full again, never over").isEqualTo(40);
    }

    @Test
    void aBucketRefillsAtARateThatIsNotWhole() {
        Bucket b = Buckets.of(2.5, 1, now::get);
        assertThat(b.tryConsume(1)).isTrue();
        assertThat(b.estimateAbilityToConsume(1).getNanosToWaitForRefill())
                .isEqualTo(TimeUnit.MILLISECONDS.toNanos(400));
        advanceMillis(399);
        assertThat(b.tryConsume(1)).isFalse();
        advanceMillis(1);
        assertThat(b.tryConsume(1)).isTrue();
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

    @Test
    void eachAddressHasItsOwnRequestBudgetWithAWaitToRetry() {
        ClientLimits limits = new ClientLimits(
                new LimitsProperties(20, 40, 400, 3, 5, 10, 1000, DataSize.ofMegabytes(1), Duration.ofSeconds(10)),
                now::get);
        for (int i = 0; i < 10; i++) {
            assertThat(limits.request("203.0.113.1")).isZero();
        }
        long wait = limits.request("203.0.113.1");
        assertThat(wait).isEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
        assertThat(limits.request("203.0.113.2")).as("another address").isZero();
        advanceMillis(200);
        assertThat(limits.request("203.0.113.1")).isZero();
    }

    @Test
    void connectionsPerAddressAreCountedUntilClosedOnce() {
        ClientLimits limits = new ClientLimits(
                new LimitsProperties(20, 40, 400, 3, 5, 10, 1000, DataSize.ofMegabytes(1), Duration.ofSeconds(10)),
                now::get);
        List<ClientLimits.Lease> open = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            open.add(limits.connect("198.51.100.7"));
        }
        assertThat(open).doesNotContainNull();
        assertThat(limits.connect("198.51.100.7")).isNull();
        assertThat(limits.connect("198.51.100.8")).isNotNull();
        open.get(0).close();
        open.get(0).close();
        assertThat(limits.connections("198.51.100.7"))
                .as("closing twice counts once")
                .isEqualTo(2);
        assertThat(limits.connect("198.51.100.7")).isNotNull();
        assertThat(limits.connect("198.51.100.7")).isNull();
    }

    @Test
    void ipv6ClientsCountPerSlash64AndMappedIpv4AsIpv4() {
        assertThat(ClientLimits.key("2001:db8:1:2:aaaa::1")).isEqualTo(ClientLimits.key("2001:db8:1:2:bbbb::9"));
        assertThat(ClientLimits.key("2001:db8:1:2::1")).isNotEqualTo(ClientLimits.key("2001:db8:1:3::1"));
        assertThat(ClientLimits.key("[2001:db8:1:2::1]")).isEqualTo(ClientLimits.key("2001:db8:1:2::7"));
        assertThat(ClientLimits.key("::ffff:192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(ClientLimits.key("192.0.2.1")).isEqualTo("192.0.2.1");
        ClientLimits limits = new ClientLimits(
                new LimitsProperties(20, 40, 400, 2, 5, 10, 1000, DataSize.ofMegabytes(1), Duration.ofSeconds(10)),
                now::get);
        assertThat(limits.connect("2001:db8:1:2::1")).isNotNull();
        assertThat(limits.connect("2001:db8:1:2::2")).isNotNull();
        assertThat(limits.connect("2001:db8:1:2:ffff::3")).as("the same /64").isNull();
    }

    @Test
    void memoryStaysBoundedWhateverTheNumberOfAddresses() {
        ClientLimits limits = new ClientLimits(
                new LimitsProperties(20, 40, 400, 3, 5, 10, 1000, DataSize.ofMegabytes(1), Duration.ofSeconds(10)),
                now::get);
        ClientLimits.Lease held = limits.connect("10.0.0.1");
        int most = 0;
        for (int i = 0; i < 200_000; i++) {
            limits.request("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
            if (i % 100 == 0) {
                advanceMillis(1); // 100,000 new addresses a second
            }
            most = Math.max(most, limits.tracked());
        }
        assertThat(most).as("addresses remembered at once").isLessThanOrEqualTo(1000 + 1);
        assertThat(limits.connections("10.0.0.1"))
                .as("an address with an open connection is never forgotten")
                .isEqualTo(1);
        held.close();
        advanceMillis(120_000);
        limits.request("192.0.2.99");
        assertThat(limits.tracked()).as("idle addresses are forgotten").isEqualTo(1);
    }
}
