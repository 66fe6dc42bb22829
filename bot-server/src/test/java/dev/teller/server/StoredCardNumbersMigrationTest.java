package dev.teller.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A database written by an earlier version, which stored card numbers whole in names, message ids, notes and
 * messages typed with dots or full-width digits, has them masked by the upgrade (migration 12), on PostgreSQL and on
 * the embedded H2; what holds no card number is left exactly as it was.
 */
class StoredCardNumbersMigrationTest {

    static final String CARD = "4539 1488 0343 6467";
    static final String DOTS = "4539.1488.0343.6467";
    static final String FULL_WIDTH = "４５３９　１４８８　０３４３　６４６７";

    static Flyway flyway(String url, String user, String vendor, String target) {
        return Flyway.configure()
                .dataSource(url, user, "")
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                .target(target)
                .load();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void cardNumbersStoredByEarlierVersionsAreMasked(String vendor) throws Exception {
        String db =
                "teller_mig_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url;
        String user;
        if (vendor.equals("postgresql")) {
            try (Connection admin = DriverManager.getConnection(OnPostgres.ADMIN_URL, "postgres", "")) {
                admin.createStatement().execute("CREATE DATABASE " + db);
            }
            url = "jdbc:postgresql://127.0.0.1:5432/" + db;
            user = "postgres";
        } else {
            url = "jdbc:h2:mem:" + db
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
            user = "sa";
        }
        try {
            flyway(url, user, vendor, "11").migrate();
            UUID id = UUID.randomUUID();
            Timestamp now = Timestamp.from(Instant.now());
            try (Connection c = DriverManager.getConnection(url, user, "")) {
                JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(c, true));
                jdbc.sql("""
                                INSERT INTO conversation (id, token_hash, language, channel, customer_name, contact, state, created_at)
                                VALUES (?, 'h', 'en', 'rest', ?, ?, 'open', ?)""")
                        .params(id, "Card " + CARD, "+86 139 1234 5602", now)
                        .update();
                List<String[]> messages = List.of(
                        new String[] {"my card " + DOTS + " please", "4539148803436467"},
                        new String[] {"卡号 " + FULL_WIDTH, "5425233430109903"},
                        new String[] {"call me on +86 139 1234 5602 about 2026-12-07", "plain-id"});
                for (int i = 0; i < messages.size(); i++) {
                    jdbc.sql("""
                                    INSERT INTO message (conversation_id, seq, sender, text, client_message_id, created_at)
                                    VALUES (?, ?, 'customer', ?, ?, ?)""")
                            .params(id, i + 1, messages.get(i)[0], messages.get(i)[1], now)
                            .update();
                }
                jdbc.sql("""
                                INSERT INTO staff (username, display_name, password_hash, role, queues, capacity, presence, enabled, created_at)
                                VALUES ('old', ?, 'x', 'agent', 'general', 3, 'away', TRUE, ?)""").params("Old " + CARD, now).update();
            }

            flyway(url, user, vendor, "latest").migrate();

            try (Connection c = DriverManager.getConnection(url, user, "")) {
                JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(c, true));
                assertThat(jdbc.sql("SELECT customer_name FROM conversation")
                                .query(String.class)
                                .single())
                        .isEqualTo("Card **** **** **** 6467");
                assertThat(jdbc.sql("SELECT contact FROM conversation")
                                .query(String.class)
                                .single())
                        .as("a phone number stays as typed")
                        .isEqualTo("+86 139 1234 5602");
                assertThat(jdbc.sql("SELECT text FROM message ORDER BY seq")
                                .query(String.class)
                                .list())
                        .containsExactly(
                                "my card **** **** **** 6467 please",
                                "卡号 **** **** **** 6467",
                                "call me on +86 139 1234 5602 about 2026-12-07");
                assertThat(jdbc.sql("SELECT client_message_id FROM message ORDER BY seq")
                                .query(String.class)
                                .list())
                        .containsExactly("**** **** **** 6467 #1", "**** **** **** 9903 #2", "plain-id");
                assertThat(jdbc.sql("SELECT display_name FROM staff")
                                .query(String.class)
                                .single())
                        .isEqualTo("Old **** **** **** 6467");
            }
        } finally {
            if (vendor.equals("postgresql")) {
                try (Connection admin = DriverManager.getConnection(OnPostgres.ADMIN_URL, "postgres", "")) {
                    admin.createStatement().execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
                }
            }
        }
    }
}
