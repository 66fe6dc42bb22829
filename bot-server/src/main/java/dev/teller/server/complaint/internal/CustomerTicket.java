package dev.teller.server.complaint.internal;

import dev.teller.server.complaint.Ticket;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ticket as the customer sees it: the {@code meta.ticket} of the bot's messages about it and the customer
 * API's answer. No owner, no customer details, no remediation.
 */
public final class CustomerTicket {

    private CustomerTicket() {}

    public static Map<String, Object> of(Ticket t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", t.number());
        m.put("category", t.category());
        m.put("tier", t.tier().code());
        m.put("fundSafety", t.fundSafety());
        m.put("queue", t.queue().code());
        m.put("status", t.status().code());
        m.put("firstResponseDueAt", text(t.firstResponseDueAt()));
        m.put("resolutionDueAt", text(t.resolutionDueAt()));
        m.put("reasons", t.reasons());
        return m;
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }
}
