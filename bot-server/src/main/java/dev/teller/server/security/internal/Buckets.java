package dev.teller.server.security.internal;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Bucket4j token buckets for the limits of one node (each node counts its own clients: a limit against flooding,
 * not an account of anything). A bucket holds at most {@code capacity} tokens, starts full and gains
 * {@code perSecond} tokens a second, continuously; each event takes one. Time is read from {@code nanos}
 * ({@link System#nanoTime()}, or a test's own clock).
 */
public final class Buckets {

    private Buckets() {}

    public static Bucket of(double perSecond, long capacity, LongSupplier nanos) {
        // One token every 1/perSecond seconds, added greedily (a fraction at a time): any rate, not only whole ones.
        Duration perToken = Duration.ofNanos(Math.max(1, Math.round(1e9 / perSecond)));
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(1, perToken))
                .withCustomTimePrecision(new Nanos(nanos))
                .build();
    }

    /** {@code nanos} as Bucket4j's clock: an interval timer, not a wall clock. */
    private record Nanos(LongSupplier nanos) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            return nanos.getAsLong();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
