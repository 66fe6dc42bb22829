package dev.teller.server.complaint.internal;

import dev.teller.server.conversation.ChatMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A conversation's transcript for the staff who work on its complaint: each customer message carries
 * {@code meta.understanding}, what the bot read in it (intent, confidence, sentiment, complaint probability), taken
 * from the bot's reply to it.
 */
public final class UnderstoodTranscript {

    private UnderstoodTranscript() {}

    public static List<ChatMessage> of(List<ChatMessage> messages) {
        List<ChatMessage> out = new ArrayList<>(messages);
        for (int i = 0; i < out.size(); i++) {
            ChatMessage m = out.get(i);
            if (!m.from().equals("customer")) {
                continue;
            }
            for (int j = i + 1; j < out.size() && !out.get(j).from().equals("customer"); j++) {
                Map<String, Object> bot = out.get(j).meta();
                if (out.get(j).from().equals("bot") && bot != null && bot.get("intent") != null) {
                    out.set(i, withUnderstanding(m, bot));
                    break;
                }
            }
        }
        return out;
    }

    private static ChatMessage withUnderstanding(ChatMessage m, Map<String, Object> reply) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("intent", reply.get("intent"));
        u.put("confidence", reply.get("confidence"));
        u.put("sentiment", reply.get("sentiment"));
        u.put("complaint", reply.get("complaint"));
        Map<String, Object> meta = new LinkedHashMap<>(m.meta() == null ? Map.of() : m.meta());
        meta.put("understanding", u);
        return new ChatMessage(m.seq(), m.from(), m.text(), m.createdAt(), meta);
    }
}
