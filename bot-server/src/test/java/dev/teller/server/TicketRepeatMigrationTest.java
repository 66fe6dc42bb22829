package dev.teller.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Tickets filed by an earlier version said they repeat an earlier complaint only in their reasons; the upgrade
 * (migration 13) records it as the ticket's {@code repeat} fact, on PostgreSQL and on the embedded H2.
 */
class TicketRepeatMigrationTest {

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void ticketsWhoseReasonsSayRepeatAreRepeats(String vendor) throws Exception {
        String url;
        String user;
        if (vendor.equals("postgresql")) {
            url = "jdbc:postgresql://127.0.0.1:5432/" + OnPostgres.ownDatabase("teller_repeat");
            user = "postgres";
        } else {
            url = "jdbc:h2:mem:repeat_" + UUID.randomUUID().toString().replace("-", "")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
            user = "sa";
        }
        StoredCardNumbersMigrationTest.flyway(url, user, vendor, "12").migrate();
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(c, true));
            Timestamp now = Timestamp.from(Instant.now());
            UUID conversation = UUID.randomUUID();
            jdbc.sql("""
                            INSERT INTO conversation (id, token_hash, language, channel, state, created_at)
                            VALUES (?, 'h', 'en', 'rest', 'open', ?)""").params(conversation, now).update();
            String[] reasons = {
                "[\"category service\",\"repeat complaint: 1 other in the last 30 days (C-2026-000001) → urgent\"]",
                "[\"category service\",\"no aggravating factor → ordinary\"]"
            };
            for (int i = 0; i < reasons.length; i++) {
                UUID escalation = UUID.randomUUID();
                jdbc.sql("""
                                INSERT INTO escalation (id, conversation_id, message_seq, kind, fund_safety, reasons, details, created_at)
                                VALUES (?, ?, 1, 'complaint', FALSE, '[]', '{}', ?)""").params(escalation, conversation, now).update();
                jdbc.sql("""
                                INSERT INTO ticket (id, number, conversation_id, escalation_id, channel, category, tier,
                                    fund_safety, queue, status, reasons, facts, created_at, updated_at)
                                VALUES (?, ?, ?, ?, 'rest', 'service', 'ordinary', FALSE, 'general', 'new', ?, '{}', ?, ?)""")
                        .params(
                                UUID.randomUUID(),
                                "C-2026-00000" + (i + 2),
                                conversation,
                                escalation,
                                reasons[i],
                                now,
                                now)
                        .update();
            }
        }

        StoredCardNumbersMigrationTest.flyway(url, user, vendor, "13").migrate();

        try (Connection c = DriverManager.getConnection(url, user, "")) {
            JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(c, true));
            assertThat(jdbc.sql("SELECT number FROM ticket WHERE repeat ORDER BY number")
                            .query(String.class)
                            .list())
                    .containsExactly("C-2026-000002");
            assertThat(jdbc.sql("SELECT count(*) FROM ticket WHERE NOT repeat")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }
    }
}
