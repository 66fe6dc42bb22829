package dev.teller.server.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The supervisor feature reads only its own read models, the {@code supervisor_*} views of migration V14, never a
 * table another feature owns: a change to those tables is then met in the views alone.
 */
class SupervisorReadModelsTest {

    static final Path SOURCES = Path.of("src/main/java/dev/teller/server/supervisor");
    static final Path VIEWS = Path.of("src/main/resources/db/migration/V14__supervisor_read_models.sql");

    /** What a statement reads from: the name after each FROM or JOIN (statements here are written in capitals). */
    static final Pattern READS = Pattern.compile("\\b(?:FROM|JOIN)\\s+([A-Za-z_][A-Za-z0-9_.]*)");

    static Set<String> readsIn(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = READS.matcher(text);
        while (m.find()) {
            out.add(m.group(1).toLowerCase());
        }
        return out;
    }

    @Test
    void theSupervisorNamesOnlyItsOwnViews() throws IOException {
        Set<String> read = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                read.addAll(readsIn(Files.readString(f)));
            }
        }
        Set<String> views = new TreeSet<>();
        Matcher m = Pattern.compile("CREATE VIEW (\\w+)").matcher(Files.readString(VIEWS));
        while (m.find()) {
            views.add(m.group(1));
        }
        assertThat(views).as("the read models").allMatch(v -> v.startsWith("supervisor_"));
        assertThat(read)
                .as("what the supervisor's statements read (the scan works)")
                .hasSizeGreaterThan(5);
        assertThat(read).as("only its own views").isSubsetOf(views);
        assertThat(views).as("views no statement reads any more").isSubsetOf(read);
    }

    @Test
    void theScanSeesEveryTableAStatementNames() {
        assertThat(readsIn("\"SELECT count(*) FROM ticket t JOIN sla_event e ON e.ticket_id = t.id\""))
                .containsExactly("sla_event", "ticket");
        assertThat(readsIn("\"\"\"\n  SELECT 1 FROM\n    public.message\n\"\"\""))
                .containsExactly("public.message");
    }
}
