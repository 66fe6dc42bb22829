package dev.teller.server.complaint.internal;

import dev.teller.server.complaint.Actor;
import dev.teller.server.complaint.Queue;

/** An agent lists a queue they do not work. */
public final class NotYourQueue extends ComplaintException {
    public NotYourQueue(Actor by, Queue queue) {
        super(
                "Not your queue",
                "You work the " + String.join(", ", by.queues()) + " queue(s); the " + queue.code()
                        + " queue's tickets are for its team and supervisors. Leave out queue= to list yours.");
    }
}
