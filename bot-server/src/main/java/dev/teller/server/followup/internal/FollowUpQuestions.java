package dev.teller.server.followup.internal;

import dev.teller.server.complaint.Ticket;
import dev.teller.server.complaint.TicketQueries;
import dev.teller.server.conversation.Conversations;
import dev.teller.server.followup.FollowUpDue;
import dev.teller.server.followup.FollowUps;
import dev.teller.server.sla.DueWork;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sends an NPS question when the scheduler says it is due: claims its row in {@code followup}, says it in the
 * conversation and puts it in the outbox for SMS or e-mail, in one transaction; one already sent is left as it is.
 * An execution's key names the follow-up: the ticket and the day.
 */
@Component
public class FollowUpQuestions implements DueWork.Job {

    private static final Logger log = LoggerFactory.getLogger(FollowUpQuestions.class);

    public static final String JOB = "follow-up";

    private final JdbcClient jdbc;
    private final TicketQueries tickets;
    private final Conversations conversations;
    private final ApplicationEventPublisher events;
    private final MessageSource messages;

    FollowUpQuestions(
            JdbcClient jdbc,
            Conversations conversations,
            ApplicationEventPublisher events,
            MessageSource messages,
            TicketQueries tickets) {
        this.jdbc = jdbc;
        this.tickets = tickets;
        this.conversations = conversations;
        this.events = events;
        this.messages = messages;
    }

    /** The key of the execution that asks the question of {@code day} after {@code ticket} was resolved. */
    public static String key(UUID ticket, int day) {
        return ticket + "/" + day;
    }

    @Override
    public String name() {
        return JOB;
    }

    private record Question(
            long id, Instant dueAt, boolean sent, UUID conversation, String number, String contact, String language) {}

    @Override
    public DueWork.Outcome run(String key, Instant now, String by) {
        String[] part = key.split("/");
        UUID ticket = UUID.fromString(part[0]);
        int day = Integer.parseInt(part[1]);
        Optional<Question> found = jdbc.sql("""
                        SELECT f.id, f.due_at, f.sent_at, f.conversation_id FROM followup f
                        WHERE f.ticket_id = ? AND f.after_days = ?""")
                .params(ticket, day)
                .query((rs, n) -> {
                    UUID conversation = rs.getObject(4, UUID.class);
                    Ticket t = tickets.byId(ticket).orElseThrow();
                    return new Question(
                            rs.getLong(1),
                            rs.getTimestamp(2).toInstant(),
                            rs.getTimestamp(3) != null,
                            conversation,
                            t.number(),
                            t.contact(),
                            conversations.customer(conversation).language());
                })
                .optional();
        if (found.isEmpty() || found.get().sent()) {
            return DueWork.Outcome.nothingToDo();
        }
        Question q = found.get();
        if (q.dueAt().isAfter(now)) {
            return DueWork.Outcome.lookAgainAt(q.dueAt());
        }
        int claimed = jdbc.sql("UPDATE followup SET sent_at = ?, sent_by = ? WHERE id = ? AND sent_at IS NULL")
                .params(Timestamp.from(now), by, q.id())
                .update();
        if (claimed == 0) {
            return DueWork.Outcome.nothingToDo();
        }
        String question = messages.getMessage(
                "followup.question", new Object[] {q.number(), day}, FollowUps.locale(!"zh".equals(q.language())));
        conversations.say(
                q.conversation(), "bot", question, Map.of("followUp", Map.of("ticket", q.number(), "day", day)));
        if (q.contact() != null && !q.contact().isBlank()) {
            jdbc.sql("INSERT INTO outbox (channel, recipient, body, created_at) VALUES (?, ?, ?, ?)")
                    .params(q.contact().contains("@") ? "email" : "sms", q.contact(), question, Timestamp.from(now))
                    .update();
        }
        events.publishEvent(new FollowUpDue(ticket, q.conversation(), day));
        log.info("NPS follow-up (day {}) sent for complaint {}", day, q.number());
        return DueWork.Outcome.done();
    }
}
