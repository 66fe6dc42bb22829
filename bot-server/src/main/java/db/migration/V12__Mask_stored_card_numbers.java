package db.migration;

import dev.teller.intents.text.CardNumbers;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Masks the card numbers that earlier versions stored whole: they masked only the digits of a customer's message
 * written with single spaces or hyphens, and no other field (names, contacts, notes, reasons, resolution texts,
 * message ids, audit trails). Every column a person writes into is read once and each value holding a card number
 * in any form is written back masked, as text now arrives. A database that never held one is left as it is.
 */
public class V12__Mask_stored_card_numbers extends BaseJavaMigration {

    /**
     * A column to mask: its statement reading the row's key or keys and the value (the value last), the one writing
     * the value back by the same keys, and the most characters it holds (0: no limit). A masked number may be up to
     * three characters longer than the digits it hides.
     */
    private record Column(String select, String update, int keys, int max) {
        Column(String select, String update, int keys) {
            this(select, update, keys, 0);
        }
    }

    private static final List<Column> COLUMNS = List.of(
            new Column(
                    "SELECT id, customer_name FROM conversation WHERE customer_name IS NOT NULL",
                    "UPDATE conversation SET customer_name = ? WHERE id = ?",
                    1,
                    200),
            new Column(
                    "SELECT id, contact FROM conversation WHERE contact IS NOT NULL",
                    "UPDATE conversation SET contact = ? WHERE id = ?",
                    1,
                    200),
            new Column(
                    "SELECT id, intake FROM conversation WHERE intake IS NOT NULL",
                    "UPDATE conversation SET intake = ? WHERE id = ?",
                    1),
            new Column(
                    "SELECT conversation_id, seq, text FROM message",
                    "UPDATE message SET text = ? WHERE conversation_id = ? AND seq = ?",
                    2,
                    4000),
            new Column(
                    "SELECT conversation_id, seq, meta FROM message WHERE meta IS NOT NULL",
                    "UPDATE message SET meta = ? WHERE conversation_id = ? AND seq = ?",
                    2),
            // A conversation's message ids are unique: a masked one keeps its message's seq beside it.
            new Column(
                    "SELECT conversation_id, seq, client_message_id FROM message WHERE client_message_id IS NOT NULL",
                    "UPDATE message SET client_message_id = ? WHERE conversation_id = ? AND seq = ?",
                    2,
                    100),
            new Column("SELECT id, reasons FROM escalation", "UPDATE escalation SET reasons = ? WHERE id = ?", 1),
            new Column("SELECT id, details FROM escalation", "UPDATE escalation SET details = ? WHERE id = ?", 1),
            new Column(
                    "SELECT id, before_text FROM article_audit WHERE before_text IS NOT NULL",
                    "UPDATE article_audit SET before_text = ? WHERE id = ?",
                    1),
            new Column(
                    "SELECT id, after_text FROM article_audit WHERE after_text IS NOT NULL",
                    "UPDATE article_audit SET after_text = ? WHERE id = ?",
                    1),
            new Column(
                    "SELECT id, customer_name FROM ticket WHERE customer_name IS NOT NULL",
                    "UPDATE ticket SET customer_name = ? WHERE id = ?",
                    1,
                    200),
            new Column(
                    "SELECT id, contact FROM ticket WHERE contact IS NOT NULL",
                    "UPDATE ticket SET contact = ? WHERE id = ?",
                    1,
                    200),
            new Column("SELECT id, reasons FROM ticket", "UPDATE ticket SET reasons = ? WHERE id = ?", 1),
            new Column("SELECT id, facts FROM ticket", "UPDATE ticket SET facts = ? WHERE id = ?", 1),
            new Column(
                    "SELECT id, remediation FROM ticket WHERE remediation IS NOT NULL",
                    "UPDATE ticket SET remediation = ? WHERE id = ?",
                    1),
            new Column(
                    "SELECT id, old_value FROM ticket_audit WHERE old_value IS NOT NULL",
                    "UPDATE ticket_audit SET old_value = ? WHERE id = ?",
                    1),
            new Column(
                    "SELECT id, new_value FROM ticket_audit WHERE new_value IS NOT NULL",
                    "UPDATE ticket_audit SET new_value = ? WHERE id = ?",
                    1),
            new Column(
                    "SELECT id, reason FROM ticket_pause", "UPDATE ticket_pause SET reason = ? WHERE id = ?", 1, 500),
            new Column("SELECT id, text FROM ticket_note", "UPDATE ticket_note SET text = ? WHERE id = ?", 1),
            new Column("SELECT id, recipient FROM outbox", "UPDATE outbox SET recipient = ? WHERE id = ?", 1, 200),
            new Column("SELECT id, body FROM outbox", "UPDATE outbox SET body = ? WHERE id = ?", 1),
            new Column(
                    "SELECT username, display_name FROM staff",
                    "UPDATE staff SET display_name = ? WHERE username = ?",
                    1,
                    200),
            new Column(
                    "SELECT id, detail FROM staff_audit WHERE detail IS NOT NULL",
                    "UPDATE staff_audit SET detail = ? WHERE id = ?",
                    1));

    @Override
    public void migrate(Context context) {
        // The migration's own connection, inside its transaction: not closed here.
        JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(context.getConnection(), true));
        for (Column column : COLUMNS) {
            List<Object[]> changed = new ArrayList<>();
            jdbc.sql(column.select()).query(rs -> {
                String value = rs.getString(column.keys() + 1);
                String masked = CardNumbers.mask(value);
                if (value != null && !masked.equals(value)) {
                    String suffix = column.update().contains("client_message_id") ? " #" + rs.getLong(2) : "";
                    int room = column.max() > 0 ? column.max() - suffix.length() : Integer.MAX_VALUE;
                    masked = (masked.length() > room ? masked.substring(0, room) : masked) + suffix;
                    Object[] params = new Object[column.keys() + 1];
                    params[0] = masked;
                    for (int k = 0; k < column.keys(); k++) {
                        params[k + 1] = rs.getObject(k + 1);
                    }
                    changed.add(params);
                }
            });
            for (Object[] params : changed) {
                jdbc.sql(column.update()).params(params).update();
            }
        }
    }
}
