package dev.teller.server.security;

import java.util.function.LongSupplier;

/**
 * The frame budget of one {@code /ws/chat} connection: every frame counts (a ping, bad JSON, an unknown type), at
 * most {@code teller.limits.frames-per-second} with a burst of {@code frame-burst}. A frame over the budget is
 * dropped; a connection whose dropped frames pass {@code flood-tolerance} (forgiven at the same rate) is flooding
 * and is to be closed. One per connection; frames of a connection arrive one at a time.
 */
public final class FrameLimit {

    /** What to do with a frame. */
    public enum Verdict {
        /** Within the budget: handle it. */
        PASS,
        /** Over the budget: drop it and tell the client to slow down. */
        DROP,
        /** The connection keeps flooding: close it with 1008 (policy violation). */
        CLOSE
    }

    private final TokenBucket frames;
    private final TokenBucket drops;
    private final LongSupplier nanos;
    private final double perSecond;
    private boolean flooding;

    public FrameLimit(LimitsProperties limits) {
        this(limits, System::nanoTime);
    }

    FrameLimit(LimitsProperties limits, LongSupplier nanos) {
        long now = nanos.getAsLong();
        this.nanos = nanos;
        this.perSecond = limits.framesPerSecond();
        this.frames = new TokenBucket(limits.framesPerSecond(), limits.frameBurst(), now);
        this.drops = new TokenBucket(limits.framesPerSecond(), limits.floodTolerance(), now);
    }

    /** Counts one frame and says what to do with it. */
    public synchronized Verdict admit() {
        long now = nanos.getAsLong();
        if (flooding) {
            return Verdict.CLOSE;
        }
        if (frames.tryTake(now)) {
            return Verdict.PASS;
        }
        if (drops.tryTake(now)) {
            return Verdict.DROP;
        }
        flooding = true;
        return Verdict.CLOSE;
    }

    /** The frames a second this connection may send, for the message that tells it to slow down. */
    public double perSecond() {
        return perSecond;
    }
}
