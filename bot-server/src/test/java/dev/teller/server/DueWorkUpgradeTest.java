package dev.teller.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teller.server.sla.DueWork;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A database written by the version before the due-work scheduler (migration 15), holding SLA timers and follow-ups
 * still to come, is upgraded by starting the server on it: what was pending is scheduled and happens once, at its
 * time on the clock the test moves; what had fired or been sent, or whose clock is stopped, is left alone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DueWorkUpgradeTest extends ServerTest {

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    static final UUID OPEN = UUID.randomUUID();
    static final UUID RESOLVED = UUID.randomUUID();
    static String own;

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MutableClock upgradeClock() {
            return new MutableClock(NOW);
        }
    }

    @DynamicPropertySource
    static void databaseOfTheVersionBefore(DynamicPropertyRegistry registry) throws Exception {
        own = OnPostgres.ownDatabase("teller_upgrade");
        String url = "jdbc:postgresql://127.0.0.1:5432/" + own;
        var config = Flyway.configure()
                .dataSource(url, "postgres", "")
                .locations("classpath:db/migration", "classpath:db/vendor/postgresql");
        MigrationVersion scheduler = MigrationVersion.fromVersion("15");
        MigrationVersion before = Arrays.stream(config.load().info().all())
                .map(MigrationInfo::getVersion)
                .filter(v -> scheduler.isNewerThan(v))
                .max(Comparator.naturalOrder())
                .orElseThrow();
        config.target(before).load().migrate();
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(c, true));
            ticket(jdbc, OPEN, "C-2026-900001", "in_progress");
            ticket(jdbc, RESOLVED, "C-2026-900002", "resolved");
            // The open ticket: its first response breached an hour ago while the server was down, its 50 % warning
            // fired before that, half of its resolution time is reached in an hour, and one warning is stopped.
            timer(jdbc, OPEN, "first_response", 50, NOW.minus(Duration.ofHours(2)), true);
            timer(jdbc, OPEN, "first_response", 100, NOW.minus(Duration.ofHours(1)), false);
            timer(jdbc, OPEN, "resolution", 50, NOW.plus(Duration.ofHours(1)), false);
            timer(jdbc, OPEN, "resolution", 75, null, false);
            // The resolved ticket: its day-7 question went out, its day-3 one fell due a minute ago.
            followUp(jdbc, RESOLVED, 3, NOW.minus(Duration.ofMinutes(1)), false);
            followUp(jdbc, RESOLVED, 7, NOW.minus(Duration.ofDays(1)), true);
        }
        OnPostgres.register(registry, own);
        registry.add("teller.sla.poll-interval", () -> "PT0S");
    }

    static void ticket(JdbcClient jdbc, UUID id, String number, String status) {
        Timestamp created = Timestamp.from(NOW.minus(Duration.ofDays(10)));
        UUID conversation = UUID.randomUUID();
        UUID escalation = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO conversation (id, token_hash, language, channel, contact, state, created_at)
                        VALUES (?, 'h', 'en', 'rest', ?, 'open', ?)""").params(conversation, number + "@example.com", created).update();
        jdbc.sql("""
                        INSERT INTO escalation (id, conversation_id, message_seq, kind, category, fund_safety, reasons,
                                                details, created_at)
                        VALUES (?, ?, 1, 'complaint', 'fraud', TRUE, '[]', '{}', ?)""").params(escalation, conversation, created).update();
        jdbc.sql("""
                        INSERT INTO ticket (id, number, conversation_id, escalation_id, contact, channel, category, tier,
                                            fund_safety, queue, status, reasons, facts, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, 'rest', 'fraud', 'major', TRUE, 'risk', ?, '["fund safety"]', '{}', ?, ?)""")
                .params(id, number, conversation, escalation, number + "@example.com", status, created, created)
                .update();
    }

    static void timer(JdbcClient jdbc, UUID ticket, String target, int percent, Instant due, boolean fired) {
        jdbc.sql("""
                        INSERT INTO sla_timer (ticket_id, target, percent, due_at, fired_at, fired_by)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(
                        ticket,
                        target,
                        percent,
                        due == null ? null : Timestamp.from(due),
                        fired ? Timestamp.from(due) : null,
                        fired ? "the version before" : null)
                .update();
    }

    static void followUp(JdbcClient jdbc, UUID ticket, int day, Instant due, boolean sent) {
        jdbc.sql("""
                        INSERT INTO followup (ticket_id, conversation_id, after_days, due_at, sent_at, sent_by)
                        SELECT id, conversation_id, ?, ?, ?, ? FROM ticket WHERE id = ?""")
                .params(
                        day,
                        Timestamp.from(due),
                        sent ? Timestamp.from(due) : null,
                        sent ? "the version before" : null,
                        ticket)
                .update();
    }

    @Autowired
    MutableClock clock;

    @Autowired
    DueWork dueWork;

    List<String> events(JdbcClient db) {
        return db.sql("SELECT kind || ' ' || target || ' ' || percent FROM sla_event ORDER BY id")
                .query(String.class)
                .list();
    }

    @Test
    void pendingTimersAndFollowUpsAreScheduledByTheUpgradeAndHappenOnceAtTheirTime() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + own, "postgres", "")) {
            upgraded(JdbcClient.create(new SingleConnectionDataSource(c, true)));
        }
    }

    void upgraded(JdbcClient db) {
        assertThat(db.sql("SELECT task_name || ' ' || task_instance FROM scheduled_tasks ORDER BY execution_time")
                        .query(String.class)
                        .list())
                .as("what was pending, and only that, is scheduled")
                .containsExactly(
                        "sla-timer " + OPEN + "/first_response/100/v15",
                        "follow-up " + RESOLVED + "/3",
                        "sla-timer " + OPEN + "/resolution/50/v15");

        assertThat(dueWork.runDue()).isEqualTo(Map.of("sla-timer", 1, "follow-up", 1));
        eventsHandled(); // the breach is marked on the ticket after the timer's firing commits
        assertThat(events(db)).containsExactly("breach first_response 100");
        assertThat(db.sql("SELECT first_response_breached FROM ticket WHERE id = ?")
                        .param(OPEN)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(db.sql("""
                                SELECT m.text FROM message m JOIN ticket t ON t.conversation_id = m.conversation_id
                                WHERE t.id = ? AND m.sender = 'bot'""").param(RESOLVED).query(String.class).list())
                .singleElement()
                .asString()
                .contains("C-2026-900002")
                .contains("3 days ago")
                .contains("0 to 10");
        assertThat(db.sql("SELECT count(*) FROM outbox WHERE recipient = 'C-2026-900002@example.com'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(dueWork.runDue()).as("nothing happens twice").isEqualTo(Map.of("sla-timer", 0, "follow-up", 0));

        clock.advance(Duration.ofMinutes(59));
        assertThat(dueWork.runDue()).isEqualTo(Map.of("sla-timer", 0, "follow-up", 0));
        clock.advance(Duration.ofMinutes(1));
        assertThat(dueWork.runDue()).isEqualTo(Map.of("sla-timer", 1, "follow-up", 0));
        assertThat(events(db)).containsExactly("breach first_response 100", "warning resolution 50");
        assertThat(db.sql("SELECT count(*) FROM sla_timer WHERE fired_by = 'the version before'")
                        .query(Long.class)
                        .single())
                .as("a timer that had fired is left as it was")
                .isEqualTo(1);
        assertThat(db.sql("SELECT count(*) FROM sla_timer WHERE fired_at IS NULL")
                        .query(Long.class)
                        .single())
                .as("the stopped warning waits for its clock to run again")
                .isEqualTo(1);
        assertThat(db.sql("SELECT count(*) FROM scheduled_tasks")
                        .query(Long.class)
                        .single())
                .as("no work is left scheduled")
                .isZero();
    }
}
