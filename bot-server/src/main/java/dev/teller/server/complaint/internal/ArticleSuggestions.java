package dev.teller.server.complaint.internal;

import dev.teller.kb.KnowledgeBase;
import dev.teller.server.complaint.ComplaintManagement;
import dev.teller.server.complaint.Ticket;
import java.util.List;
import org.springframework.stereotype.Component;

/** Articles that may answer a complaint, searched with what the customer said, with the clauses to quote. */
@Component
public class ArticleSuggestions {

    private final KnowledgeBase knowledgeBase;
    private final TicketStore tickets;

    public ArticleSuggestions(KnowledgeBase knowledgeBase, TicketStore tickets) {
        this.knowledgeBase = knowledgeBase;
        this.tickets = tickets;
    }

    public List<ComplaintManagement.Suggestion> forTicket(Ticket t) {
        Object texts = tickets.facts(t.id()).get("texts");
        String said = texts instanceof List<?> l
                ? String.join("\n", l.stream().map(String::valueOf).toList())
                : "";
        return knowledgeBase.search(said, null, null, 3).hits().stream()
                .map(h -> new ComplaintManagement.Suggestion(
                        h.article().id(),
                        h.article().title(),
                        h.snippet(),
                        "/api/v1/articles/" + h.article().id(),
                        ClauseSearch.clauses(h.article().clauses(), said, 2)))
                .toList();
    }
}
