package dev.teller.server.followup;

import dev.teller.server.complaint.Ticket;
import dev.teller.server.complaint.TicketChanged;
import dev.teller.server.complaint.TicketQueries;
import dev.teller.server.conversation.Conversations;
import dev.teller.server.conversation.PendingQuestion;
import dev.teller.server.followup.internal.FollowUpQuestions;
import dev.teller.server.sla.DueWork;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The NPS follow-ups of resolved complaints. Resolving a ticket schedules questions for day 3, 7 and 30 as due
 * work ({@link DueWork}); each is sent once ({@link FollowUpQuestions}: several instances and restarts are safe)
 * into the conversation and to the outbox; a reply of 0 to 10 while one is open is recorded as its answer.
 */
@Service
public class FollowUps implements PendingQuestion {

    static final List<Integer> DAYS = List.of(3, 7, 30);
    private static final Pattern SCORE = Pattern.compile(
            "^\\s*(10|[0-9])\\s*(?:/\\s*10|分|out of 10|points?)?\\s*[.!。！]?\\s*$", Pattern.CASE_INSENSITIVE);

    /** The NPS over every answer, and its parts. */
    public record Nps(
            int responses,
            int promoters,
            int passives,
            int detractors,
            Double nps,
            Map<Integer, Integer> responsesByDay) {}

    /** A customer who has been silent since a complaint was resolved, long enough to be won back. */
    public record WinBack(
            String number, UUID conversationId, String contact, Instant resolvedAt, Instant lastHeardAt) {}

    private final JdbcClient jdbc;
    private final TicketQueries tickets;
    private final Conversations conversations;
    private final Clock clock;
    private final DueWork dueWork;
    private final MessageSource messages;

    FollowUps(
            JdbcClient jdbc,
            Clock clock,
            DueWork dueWork,
            MessageSource messages,
            TicketQueries tickets,
            Conversations conversations) {
        this.jdbc = jdbc;
        this.tickets = tickets;
        this.conversations = conversations;
        this.clock = clock;
        this.dueWork = dueWork;
        this.messages = messages;
    }

    /** The language the customer reads follow-ups in: English, or simplified Chinese. */
    public static Locale locale(boolean english) {
        return english ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
    }

    /**
     * Schedules the NPS questions of a ticket just resolved, after the resolution commits: through the event
     * registry, so that a node that dies before they are scheduled leaves the publication for another to resubmit.
     * Only resolutions are stored for this listener.
     */
    @ApplicationModuleListener(id = "followup.schedule-questions", condition = "#c.resolution()")
    void onTicketChanged(TicketChanged c) {
        Ticket ticket = tickets.byId(c.ticketId()).orElseThrow();
        UUID conversation = ticket.conversationId();
        // Counted from the resolution, also when this runs later (handed again after a node died).
        Instant from = ticket.resolvedAt() != null ? ticket.resolvedAt() : clock.instant();
        Map<String, Instant> executions = new LinkedHashMap<>();
        for (int day : DAYS) {
            Instant due = from.plus(Duration.ofDays(day));
            int added = jdbc.sql("""
                            INSERT INTO followup (ticket_id, conversation_id, after_days, due_at)
                            SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM followup WHERE ticket_id = ? AND after_days = ?)""")
                    .params(c.ticketId(), conversation, day, Timestamp.from(due), c.ticketId(), day)
                    .update();
            if (added == 1) {
                executions.put(FollowUpQuestions.key(c.ticketId(), day), due);
            }
        }
        dueWork.schedule(FollowUpQuestions.JOB, executions);
    }

    /**
     * Runs the due work of every kind that is due by now (SLA timers, follow-ups), in the calling thread, and
     * returns how many follow-ups were sent. Only when nothing polls ({@code teller.sla.poll-interval} zero, as in
     * tests).
     */
    public int sendDue() {
        return dueWork.runDue().getOrDefault(FollowUpQuestions.JOB, 0);
    }

    @Override
    @Transactional
    public Optional<String> answer(UUID conversationId, String text, boolean english) {
        Matcher m = SCORE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<Long> open =
                jdbc.sql("""
                        SELECT id FROM followup WHERE conversation_id = ? AND sent_at IS NOT NULL AND answered_at IS NULL
                        ORDER BY sent_at DESC, id DESC LIMIT 1""").param(conversationId).query(Long.class).optional();
        if (open.isEmpty()) {
            return Optional.empty();
        }
        int score = Integer.parseInt(m.group(1));
        jdbc.sql("UPDATE followup SET score = ?, answered_at = ? WHERE id = ?")
                .params(score, Timestamp.from(clock.instant()), open.get())
                .update();
        String noted = score <= 6 ? "followup.noted.detractor" : "followup.noted";
        return Optional.of(messages.getMessage(noted, new Object[] {score}, locale(english)));
    }

    /** NPS: the share of promoters (9–10) minus the share of detractors (0–6), over every answer. */
    @Transactional(readOnly = true)
    public Nps nps() {
        List<int[]> answers = jdbc.sql("SELECT score, after_days FROM followup WHERE score IS NOT NULL")
                .query((rs, n) -> new int[] {rs.getInt(1), rs.getInt(2)})
                .list();
        int promoters = (int) answers.stream().filter(a -> a[0] >= 9).count();
        int detractors = (int) answers.stream().filter(a -> a[0] <= 6).count();
        Map<Integer, Integer> byDay = new java.util.TreeMap<>();
        answers.forEach(a -> byDay.merge(a[1], 1, Integer::sum));
        Double nps = answers.isEmpty() ? null : Math.round(1000.0 * (promoters - detractors) / answers.size()) / 10.0;
        return new Nps(answers.size(), promoters, answers.size() - promoters - detractors, detractors, nps, byDay);
    }

    /** Customers not heard from for {@code silence} since their complaint was resolved. */
    @Transactional(readOnly = true)
    public List<WinBack> winBack(Duration silence) {
        Instant before = clock.instant().minus(silence);
        List<WinBack> out = new ArrayList<>();
        for (Ticket t : tickets.resolvedBy(before)) {
            Optional<Instant> lastHeard = conversations.lastHeardFrom(t.conversationId());
            if (lastHeard.isEmpty() || !lastHeard.get().isAfter(t.resolvedAt())) {
                out.add(new WinBack(
                        t.number(), t.conversationId(), t.contact(), t.resolvedAt(), lastHeard.orElse(null)));
            }
        }
        return out;
    }
}
