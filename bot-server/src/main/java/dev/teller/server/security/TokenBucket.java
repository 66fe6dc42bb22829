package dev.teller.server.security;

/**
 * A token bucket: holds at most {@code capacity} tokens, starts full and gains {@code perSecond} tokens a second.
 * Each event takes one token; an event that finds the bucket empty is over the limit. Times are
 * {@link System#nanoTime()} readings, passed in so that tests can move time themselves.
 */
final class TokenBucket {

    private final double capacity;
    private final double perNano;
    private double tokens;
    private long last;

    TokenBucket(double perSecond, double capacity, long now) {
        if (!(perSecond > 0) || !(capacity >= 1)) {
            throw new IllegalArgumentException("a bucket needs a positive rate and room for one token at least");
        }
        this.capacity = capacity;
        this.perNano = perSecond / 1e9;
        this.tokens = capacity;
        this.last = now;
    }

    /** Takes a token; false (and nothing taken) when the bucket is empty. */
    synchronized boolean tryTake(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Nanoseconds until a token is there (0 when one is there now). */
    synchronized long nanosUntilToken(long now) {
        refill(now);
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perNano);
    }

    /** Whether the bucket is full again: forgetting it then loses nothing. */
    synchronized boolean isFull(long now) {
        refill(now);
        return tokens >= capacity;
    }

    private void refill(long now) {
        if (now > last) {
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
        }
    }
}
