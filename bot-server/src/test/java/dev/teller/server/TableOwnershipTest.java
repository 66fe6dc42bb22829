package dev.teller.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One owner per table: a feature's SQL names only the tables and views its own migrations made for it. Another
 * feature's data is read through that feature's API (or, for the supervisor's views, through read models: SQL views
 * the supervisor owns). A new table must be given an owner here, so the question is asked when it is made.
 */
class TableOwnershipTest {

    /** Every table and view of the schema, and the one feature package whose code may name it in SQL. */
    static final Map<String, String> OWNER = Map.ofEntries(
            Map.entry("conversation", "conversation"),
            Map.entry("message", "conversation"),
            Map.entry("escalation", "conversation"),
            Map.entry("ticket", "complaint"),
            Map.entry("ticket_audit", "complaint"),
            Map.entry("ticket_pause", "complaint"),
            Map.entry("ticket_note", "complaint"),
            Map.entry("sla_timer", "sla"),
            Map.entry("sla_event", "sla"),
            Map.entry("followup", "followup"),
            Map.entry("outbox", "followup"),
            Map.entry("staff", "security"),
            Map.entry("staff_audit", "security"),
            Map.entry("article_audit", "knowledge"),
            // db-scheduler's executions: the due work of SLA timers and follow-ups, run by sla/DueWork.
            Map.entry("scheduled_tasks", "sla"),
            // Spring Modulith's event publication registry: what after-commit listeners have still to handle.
            Map.entry("event_publication", "events"));

    private static final Path MAIN = Path.of("src/main/java/dev/teller/server");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db");
    private static final Pattern CREATED =
            Pattern.compile("(?i)CREATE\\s+(?:OR\\s+REPLACE\\s+)?(TABLE|VIEW)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+)");
    /** SQL in Teller's code is written in capitals; prose in comments ("from the queue") is not matched. */
    private static final Pattern NAMED = Pattern.compile("\\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\\s+(\\w+)");

    @Test
    void everyTableAndViewHasOneOwner() throws IOException {
        Set<String> unowned = new TreeSet<>();
        for (String name : createdNames()) {
            if (!OWNER.containsKey(name) && ownerOfView(name) == null) {
                unowned.add(name);
            }
        }
        assertThat(unowned)
                .as("tables or views with no owner: give each one in TableOwnershipTest.OWNER"
                        + " (a read model view is named after its feature: supervisor_…)")
                .isEmpty();
    }

    @Test
    void aFeaturesSqlNamesOnlyItsOwnTablesAndViews() throws IOException {
        Set<String> known = createdNames();
        Set<String> trespasses = new TreeSet<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String feature = MAIN.relativize(file).getName(0).toString();
                Matcher m = NAMED.matcher(Files.readString(file));
                while (m.find()) {
                    String table = m.group(1).toLowerCase();
                    if (!known.contains(table)) {
                        continue; // not a table of ours (a Java identifier after a capitalised word, say)
                    }
                    String owner = OWNER.getOrDefault(table, ownerOfView(table));
                    if (!feature.equals(owner)) {
                        trespasses.add(MAIN.relativize(file) + " names " + table + " (owned by " + owner + ")");
                    }
                }
            }
        }
        assertThat(trespasses)
                .as("read another feature's data through its API, not its tables")
                .isEmpty();
    }

    @Test
    void theCheckSeesTheSchemaAndTheCode() throws IOException {
        // Guards the two checks above against passing because they read nothing.
        assertThat(createdNames()).contains("ticket", "conversation", "sla_timer", "staff");
        assertThat(NAMED.matcher("SELECT id FROM ticket WHERE owner = ?").find())
                .isTrue();
        assertThat(NAMED.matcher("// take the oldest from the queue").find()).isFalse();
    }

    /** A view made by a migration for one feature carries that feature's name first: supervisor_sla_day. */
    private static String ownerOfView(String name) throws IOException {
        int underscore = name.indexOf('_');
        if (underscore < 0 || !Files.isDirectory(MAIN.resolve(name.substring(0, underscore)))) {
            return null;
        }
        return OWNER.containsKey(name) ? null : name.substring(0, underscore);
    }

    private static Set<String> createdNames() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(MIGRATIONS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                Matcher m = CREATED.matcher(Files.readString(file));
                while (m.find()) {
                    names.add(m.group(2).toLowerCase());
                }
            }
        }
        return names;
    }
}
