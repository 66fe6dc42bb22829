package dev.teller.server.conversation.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Counts each conversation's messages in one-second windows, whatever channel they come through: a Bucket4j bucket
 * per conversation holds {@code perSecond} tokens and is full again at every whole second of the conversations'
 * clock. In memory, on each node: a limit against a flooding client, not an account of anything.
 */
public final class MessageRate {

    /** Too many conversations remembered: those not heard this second are forgotten (their buckets are full). */
    private static final int CROWDED = 10_000;

    private final int perSecond;
    private final Bandwidth window;
    private final Map<UUID, Conversation> conversations = new ConcurrentHashMap<>();

    public MessageRate(int perSecond) {
        this.perSecond = perSecond;
        // Refilled at each whole second since the epoch: the windows are the clock's seconds.
        this.window = Bandwidth.builder()
                .capacity(perSecond)
                .refillIntervallyAligned(perSecond, Duration.ofSeconds(1), Instant.ofEpochSecond(1))
                .build();
    }

    /** Counts a message at {@code nowMillis}; false when the conversation is over its limit this second. */
    public boolean allow(UUID conversation, long nowMillis) {
        long now = TimeUnit.MILLISECONDS.toNanos(nowMillis);
        boolean[] allowed = {false};
        conversations.compute(conversation, (id, old) -> {
            Conversation c = old == null ? new Conversation(window, now) : old;
            c.now = now;
            allowed[0] = c.bucket.tryConsume(1);
            return c;
        });
        if (conversations.size() > CROWDED) {
            long second = TimeUnit.NANOSECONDS.toSeconds(now);
            conversations.values().removeIf(c -> TimeUnit.NANOSECONDS.toSeconds(c.now) < second);
        }
        return allowed[0];
    }

    public int perSecond() {
        return perSecond;
    }

    /** How many conversations are remembered now. */
    int remembered() {
        return conversations.size();
    }

    /**
     * One conversation's bucket, on the time of the message being counted: set, and read by the bucket, only inside
     * the map's compute for this conversation.
     */
    private static final class Conversation implements TimeMeter {
        private final Bucket bucket;
        private volatile long now;

        Conversation(Bandwidth window, long now) {
            this.now = now;
            this.bucket = Bucket.builder()
                    .addLimit(window)
                    .withCustomTimePrecision(this)
                    .build();
        }

        @Override
        public long currentTimeNanos() {
            return now;
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
