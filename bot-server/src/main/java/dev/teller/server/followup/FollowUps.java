package dev.teller.server.followup;

import dev.teller.server.complaint.TicketChanged;
import dev.teller.server.conversation.Conversations;
import dev.teller.server.conversation.PendingQuestion;
import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The NPS follow-ups of resolved complaints. Resolving a ticket schedules questions for day 3, 7 and 30; each
 * is sent once (claimed like an SLA timer, so several instances and restarts are safe) into the conversation
 * and to the outbox; a reply of 0 to 10 while one is open is recorded as its answer.
 */
@Service
public class FollowUps implements PendingQuestion {

    private static final Logger log = LoggerFactory.getLogger(FollowUps.class);
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
    private final Conversations conversations;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Duration pollInterval;
    private final String instance = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    private volatile ScheduledExecutorService poller;

    FollowUps(
            JdbcClient jdbc,
            Conversations conversations,
            Clock clock,
            ApplicationEventPublisher events,
            TransactionTemplate tx,
            @Value("${teller.sla.poll-interval:PT1S}") Duration pollInterval) {
        this.jdbc = jdbc;
        this.conversations = conversations;
        this.clock = clock;
        this.events = events;
        this.tx = tx;
        this.pollInterval = pollInterval;
    }

    @EventListener
    void onTicketChanged(TicketChanged c) {
        if (!c.field().equals("status") || !"resolved".equals(c.newValue())) {
            return;
        }
        UUID conversation = jdbc.sql("SELECT conversation_id FROM ticket WHERE id = ?")
                .param(c.ticketId())
                .query(UUID.class)
                .single();
        Instant now = clock.instant();
        for (int day : DAYS) {
            jdbc.sql("""
                            INSERT INTO followup (ticket_id, conversation_id, after_days, due_at)
                            SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM followup WHERE ticket_id = ? AND after_days = ?)""")
                    .params(
                            c.ticketId(),
                            conversation,
                            day,
                            Timestamp.from(now.plus(Duration.ofDays(day))),
                            c.ticketId(),
                            day)
                    .update();
        }
    }

    /** Sends every follow-up due by now, each once; returns how many this instance sent. */
    public int sendDue() {
        Instant now = clock.instant();
        List<Long> due = jdbc.sql(
                        "SELECT id FROM followup WHERE sent_at IS NULL AND due_at <= ? ORDER BY due_at, id LIMIT 200")
                .param(Timestamp.from(now))
                .query(Long.class)
                .list();
        int sent = 0;
        for (long id : due) {
            if (Boolean.TRUE.equals(tx.execute(s -> send(id, now)))) {
                sent++;
            }
        }
        return sent;
    }

    private boolean send(long id, Instant now) {
        int claimed = jdbc.sql("UPDATE followup SET sent_at = ?, sent_by = ? WHERE id = ? AND sent_at IS NULL")
                .params(Timestamp.from(now), instance, id)
                .update();
        if (claimed == 0) {
            return false;
        }
        var row = jdbc.sql("""
                        SELECT f.ticket_id, f.conversation_id, f.after_days, t.number, t.contact, c.language
                        FROM followup f JOIN ticket t ON t.id = f.ticket_id JOIN conversation c ON c.id = f.conversation_id
                        WHERE f.id = ?""")
                .param(id)
                .query((rs, n) -> new Object[] {
                    rs.getObject(1, UUID.class),
                    rs.getObject(2, UUID.class),
                    rs.getInt(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6)
                })
                .single();
        UUID ticket = (UUID) row[0];
        UUID conversation = (UUID) row[1];
        int day = (Integer) row[2];
        String number = (String) row[3];
        String contact = (String) row[4];
        boolean en = !"zh".equals(row[5]);
        String question = en
                ? "Your complaint " + number + " was resolved " + day
                        + " days ago. On a scale of 0 to 10, how likely are you"
                        + " to recommend us to a friend? Just reply with a number."
                : "您的投诉 " + number + " 已在 " + day + " 天前解决。从 0 到 10 分，您有多大可能向朋友推荐我们？直接回复数字即可。";
        conversations.say(conversation, "bot", question, Map.of("followUp", Map.of("ticket", number, "day", day)));
        if (contact != null && !contact.isBlank()) {
            jdbc.sql("INSERT INTO outbox (channel, recipient, body, created_at) VALUES (?, ?, ?, ?)")
                    .params(contact.contains("@") ? "email" : "sms", contact, question, Timestamp.from(now))
                    .update();
        }
        events.publishEvent(new FollowUpDue(ticket, conversation, day));
        log.info("NPS follow-up (day {}) sent for complaint {}", day, number);
        return true;
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
        return Optional.of(
                english
                        ? "Thank you: we've noted " + score + " out of 10."
                                + (score <= 6 ? " I'm sorry we fell short; a member of our team may be in touch." : "")
                        : "谢谢，已记录 " + score + " 分。" + (score <= 6 ? "很抱歉没能让您满意，我们的同事可能会联系您。" : ""));
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
        return jdbc.sql("""
                        SELECT t.number, t.conversation_id, t.contact, t.resolved_at,
                               (SELECT max(m.created_at) FROM message m WHERE m.conversation_id = t.conversation_id
                                AND m.sender = 'customer') AS last_heard
                        FROM ticket t WHERE t.resolved_at IS NOT NULL AND t.resolved_at <= ?
                        AND NOT EXISTS (SELECT 1 FROM message m WHERE m.conversation_id = t.conversation_id
                                        AND m.sender = 'customer' AND m.created_at > t.resolved_at)
                        ORDER BY t.resolved_at""")
                .param(Timestamp.from(before))
                .query((rs, n) -> new WinBack(
                        rs.getString(1),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()))
                .list();
    }

    @EventListener(ApplicationReadyEvent.class)
    void startPolling() {
        if (pollInterval.isZero() || pollInterval.isNegative()) {
            return;
        }
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("follow-ups").unstarted(r));
        s.scheduleWithFixedDelay(
                () -> {
                    try {
                        sendDue();
                    } catch (RuntimeException e) {
                        log.warn("sending follow-ups failed (will try again): {}", e.toString());
                    }
                },
                0,
                Math.max(1000, pollInterval.toMillis()),
                TimeUnit.MILLISECONDS);
        poller = s;
    }

    @EventListener(ContextClosedEvent.class)
    void stopPolling() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
