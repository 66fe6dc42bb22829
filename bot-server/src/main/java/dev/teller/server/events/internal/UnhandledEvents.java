package dev.teller.server.events.internal;

import dev.teller.server.sla.DueWork;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.stereotype.Component;

/**
 * Hands again to their listeners the event publications that stayed unhandled: the node that published them died
 * before its listener ran or finished, or the listener failed (the database was down for a moment). Runs on one
 * node at a time, as a routine of the {@link DueWork} scheduler, every {@code teller.events.resubmit-every}, for the
 * publications older than {@code teller.events.resubmit-after} (a live node handles its own within milliseconds, so
 * one still in hand is not taken from it).
 */
@Component
class UnhandledEvents implements DueWork.Routine {

    private static final Logger log = LoggerFactory.getLogger(UnhandledEvents.class);

    private final IncompleteEventPublications incomplete;
    private final Clock clock;
    private final Duration every;
    private final Duration after;

    UnhandledEvents(
            IncompleteEventPublications incomplete,
            Clock clock,
            @Value("${teller.events.resubmit-every}") Duration every,
            @Value("${teller.events.resubmit-after}") Duration after) {
        this.incomplete = incomplete;
        this.clock = clock;
        this.every = every;
        this.after = after;
    }

    @Override
    public String name() {
        return "unhandled-events";
    }

    @Override
    public Duration every() {
        return every;
    }

    @Override
    public void run() {
        // The registry dates publications by the application's clock.
        Instant before = clock.instant().minus(after);
        incomplete.resubmitIncompletePublications(p -> {
            if (!p.getPublicationDate().isBefore(before)) {
                return false;
            }
            log.info(
                    "handing {} of {} to its listener again ({} tries so far, {})",
                    p.getEvent().getClass().getSimpleName(),
                    p.getPublicationDate(),
                    p.getCompletionAttempts(),
                    p.getStatus());
            return true;
        });
    }
}
