package dev.teller.server.conversation;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts each conversation's messages in one-second windows, whatever channel they come through. In memory:
 * a limit against a flooding client, not an account of anything.
 */
final class MessageRate {

    private record Window(long second, int count) {}

    private final int perSecond;
    private final Map<UUID, Window> windows = new ConcurrentHashMap<>();

    MessageRate(int perSecond) {
        this.perSecond = perSecond;
    }

    /** Counts a message at {@code nowMillis}; false when the conversation is over its limit this second. */
    boolean allow(UUID conversation, long nowMillis) {
        long second = nowMillis / 1000;
        Window w = windows.compute(
                conversation,
                (id, old) -> old == null || old.second() != second
                        ? new Window(second, 1)
                        : new Window(second, old.count() + 1));
        if (windows.size() > 10_000) {
            windows.values().removeIf(old -> old.second() < second - 60);
        }
        return w.count() <= perSecond;
    }

    int perSecond() {
        return perSecond;
    }
}
