package dev.teller.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teller.server.complaint.Ticket;
import dev.teller.server.complaint.TicketQueries;
import dev.teller.server.sla.DueWork;
import dev.teller.server.sla.SlaBreached;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventSerializer;

/**
 * An event publication a node left unhandled (it died between committing the publication and running its
 * after-commit listener) is handed to its listener again by the events module's routine, once it is old enough,
 * and then removed; a fresh one is left to the node that published it.
 */
class UnhandledEventsTest extends OnPostgres {

    @Autowired
    TicketQueries tickets;

    @Autowired
    List<DueWork.Routine> routines;

    @Autowired
    EventSerializer serializer;

    @Autowired
    java.time.Clock clock;

    final List<UUID> inserted = new java.util.ArrayList<>();

    /** Whatever happens, no publication of this test is left for the next to wait on. */
    @AfterEach
    void removeWhatWasInserted() {
        for (UUID id : inserted) {
            JdbcClient.create(dataSource)
                    .sql("DELETE FROM event_publication WHERE id = ?")
                    .param(id)
                    .update();
        }
    }

    /** Stores a publication of {@code event} for {@code listener}, as the registry does, published at {@code at}. */
    UUID leftUnhandled(Object event, String listener, Instant at) {
        UUID id = UUID.randomUUID();
        JdbcClient.create(dataSource)
                .sql("""
                        INSERT INTO event_publication (id, event_type, listener_id, publication_date, serialized_event,
                            status, completion_attempts)
                        VALUES (?, ?, ?, ?, ?, 'PUBLISHED', 0)""")
                .params(
                        id,
                        event.getClass().getName(),
                        listener,
                        Timestamp.from(at),
                        serializer.serialize(event).toString())
                .update();
        inserted.add(id);
        return id;
    }

    long stored(UUID id) {
        return JdbcClient.create(dataSource)
                .sql("SELECT count(*) FROM event_publication WHERE id = ?")
                .param(id)
                .query(Long.class)
                .single();
    }

    Ticket ticket(String number) {
        UUID id = JdbcClient.create(dataSource)
                .sql("SELECT id FROM ticket WHERE number = ?")
                .param(number)
                .query(UUID.class)
                .single();
        return tickets.byId(id).orElseThrow();
    }

    @Test
    void aBreachANodeDiedBeforeMarkingIsMarkedByTheRoutine() throws Exception {
        String number = ticketNumber(post(
                startChat(null),
                "I want to make a complaint: the staff at the branch were rude to me yesterday and nobody helped")
                .stream());
        eventsHandled();
        Ticket t = ticket(number);
        assertThat(t.firstResponseBreached()).isFalse();
        DueWork.Routine routine = routines.stream()
                .filter(r -> r.name().equals("unhandled-events"))
                .findFirst()
                .orElseThrow();

        Instant now = clock.instant(); // the registry dates publications by the application's clock
        SlaBreached breach = new SlaBreached(t.id(), "first_response", now.minusSeconds(600), now.minusSeconds(300));
        UUID fresh = leftUnhandled(breach, "complaint.mark-breach", now);
        routine.run();
        assertThat(stored(fresh))
                .as("a publication younger than teller.events.resubmit-after is left alone")
                .isOne();
        assertThat(ticket(number).firstResponseBreached()).isFalse();

        JdbcClient.create(dataSource)
                .sql("UPDATE event_publication SET publication_date = ? WHERE id = ?")
                .params(Timestamp.from(now.minus(Duration.ofMinutes(5))), fresh)
                .update();
        routine.run();
        Awaitility.await("the breach marked on the ticket")
                .atMost(Duration.ofSeconds(30))
                .until(() -> ticket(number).firstResponseBreached());
        eventsHandled();
        assertThat(stored(fresh)).as("handled, and so removed").isZero();
    }

    @Autowired
    org.springframework.context.ApplicationContext context;

    /** Whether the registry's completion tracking wraps a bean's listeners. */
    boolean tracked(String bean) {
        return context.getBean(bean) instanceof org.springframework.aop.framework.Advised a
                && java.util.Arrays.stream(a.getAdvisors())
                        .anyMatch(x ->
                                x instanceof org.springframework.modulith.events.support.CompletionRegisteringAdvisor);
    }

    @Test
    void onlyTheListenersWhosePublicationsAreKeptAreTrackedByTheRegistry() {
        assertThat(tracked("agentQueue"))
                .as("routing, an @ApplicationModuleListener")
                .isTrue();
        assertThat(tracked("followUps"))
                .as("follow-up scheduling, an @ApplicationModuleListener")
                .isTrue();
        assertThat(tracked("chatSocketHandler")).as("the chat's live pushes").isFalse();
        assertThat(tracked("staffFeed")).as("the staff feed's live pushes").isFalse();
    }
}
