package dev.teller.server.security;

import dev.teller.server.security.internal.Buckets;
import io.github.bucket4j.Bucket;
import java.util.function.LongSupplier;

/**
 * The frame budget of one {@code /ws/chat} connection: every frame counts (a ping, bad JSON, an unknown type), at
 * most {@code teller.limits.frames-per-second} with a burst of {@code frame-burst} (token buckets, see
 * {@link Buckets}). A frame over the budget is dropped; a connection whose dropped frames pass
 * {@code flood-tolerance} (forgiven at the same rate) is flooding and is to be closed. One per connection; frames
 * of a connection arrive one at a time.
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

    private final Bucket frames;
    private final Bucket drops;
    private final double perSecond;
    private boolean flooding;

    public FrameLimit(LimitsProperties limits) {
        this(limits, System::nanoTime);
    }

    FrameLimit(LimitsProperties limits, LongSupplier nanos) {
        this.perSecond = limits.framesPerSecond();
        this.frames = Buckets.of(limits.framesPerSecond(), limits.frameBurst(), nanos);
        this.drops = Buckets.of(limits.framesPerSecond(), limits.floodTolerance(), nanos);
    }

    /** Counts one frame and says what to do with it. */
    public synchronized Verdict admit() {
        if (flooding) {
            return Verdict.CLOSE;
        }
        if (frames.tryConsume(1)) {
            return Verdict.PASS;
        }
        if (drops.tryConsume(1)) {
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
