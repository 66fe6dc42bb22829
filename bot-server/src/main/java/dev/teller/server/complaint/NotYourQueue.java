package dev.teller.server.complaint;

/** An agent lists a queue they do not work. */
public final class NotYourQueue extends ComplaintException {
    NotYourQueue(Actor by, Queue queue) {
        super(
                "Not your queue",
                "You work the " + String.join(", ", by.queues()) + " queue(s); the " + queue.code()
                        + " queue's tickets are for its team and supervisors. Leave out queue= to list yours.");
    }
}
