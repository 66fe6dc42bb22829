package dev.teller.server.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What an escalation caused in its conversation: the messages the features that handle it added while it was being
 * published (a complaint's ticket number and promise, with {@code meta.ticket}). Those features listen to
 * {@link Escalated} synchronously, in the transaction that stored it and on its thread, and add to the conversation
 * through {@link Conversations#say}; so the messages said in the conversation meanwhile are the escalation's, and
 * the reply returns them with itself instead of reading the conversation again.
 */
@Component
public class EscalationEffects {

    private record Capture(UUID conversationId, List<ChatMessage> told) {}

    private final ThreadLocal<Capture> capturing = new ThreadLocal<>();

    /** Runs {@code escalate} (the event's publication) and returns the messages it added to the conversation. */
    public List<ChatMessage> during(UUID conversationId, Runnable escalate) {
        Capture outer = capturing.get();
        Capture capture = new Capture(conversationId, new ArrayList<>());
        capturing.set(capture);
        try {
            escalate.run();
        } finally {
            if (outer == null) {
                capturing.remove();
            } else {
                capturing.set(outer);
            }
        }
        return List.copyOf(capture.told());
    }

    /** A message was added to a conversation: it belongs to the escalation being published there, if any. */
    void said(UUID conversationId, ChatMessage m) {
        Capture capture = capturing.get();
        if (capture != null && capture.conversationId().equals(conversationId)) {
            capture.told().add(m);
        }
    }
}
