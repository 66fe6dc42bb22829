package dev.teller.server.complaint.internal;

import dev.teller.server.complaint.BriefWriter;
import dev.teller.server.complaint.HandoffBrief;
import dev.teller.server.complaint.Ticket;
import dev.teller.server.conversation.ChatMessage;
import dev.teller.server.conversation.Conversations;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The handoff brief of a ticket: by the language model when one is configured and its answer passes its checks,
 * else by rules.
 */
@Component
public class HandoffBriefs {

    private final TicketStore tickets;
    private final Conversations conversations;
    private final ObjectProvider<BriefWriter> writers;

    public HandoffBriefs(TicketStore tickets, Conversations conversations, ObjectProvider<BriefWriter> writers) {
        this.tickets = tickets;
        this.conversations = conversations;
        this.writers = writers;
    }

    public HandoffBrief of(Ticket t) {
        Map<String, Object> facts = tickets.facts(t.id());
        HandoffBrief rules = HandoffBrief.fromRules(t, facts);
        BriefWriter writer = writers.getIfAvailable();
        if (writer == null) {
            return rules;
        }
        List<String> said = conversations.transcript(t.conversationId()).stream()
                .filter(m -> m.from().equals("customer"))
                .map(ChatMessage::text)
                .toList();
        String language = "zh".equals(facts.get("language")) ? "zh" : "en";
        return writer.write(t, language, said, rules).orElse(rules);
    }
}
