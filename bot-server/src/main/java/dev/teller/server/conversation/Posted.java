package dev.teller.server.conversation;

import dev.teller.server.conversation.internal.ConversationStore;
import java.util.List;

/** What a customer message is, checked against its conversation: one sent before, or a new one to answer. */
public sealed interface Posted {

    /** Sent before (the same client message id): what it caused then, returned again; nothing is stored. */
    record Replay(List<ChatMessage> messages) implements Posted {}

    /**
     * New: to be answered in the conversation as it stood when checked.
     *
     * @param state the conversation's state, or null when it was not read (no rewording to guess)
     */
    record Fresh(ConversationStore.Recent recent, ConversationStore.State state) implements Posted {}
}
