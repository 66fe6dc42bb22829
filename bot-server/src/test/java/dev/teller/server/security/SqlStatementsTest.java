package dev.teller.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every SQL statement in the server is a parameterised one: the text given to {@code jdbc.sql(…)} is made of string
 * literals and constants only, values go in as parameters. The few statements whose text is put together in code
 * (a column from a fixed list, a lock clause, a number) were reviewed one by one and are listed below with why they
 * are safe; any new one fails this test until it is reviewed and listed. No other way to run SQL is used.
 */
class SqlStatementsTest {

    static final Path SOURCES = Path.of("src/main/java");

    /** File and the code parts (not literals or constants) of each reviewed statement, with why it is safe. */
    static final Map<String, String> REVIEWED = Map.of(
            "ConversationStore.java: lock?:",
            "state(id, lock): a boolean adds ' FOR UPDATE' (the locked write) or nothing (the unlocked peek)",
            "TicketStore.java: lock?:",
            "byNumber and byId: a boolean adds ' FOR UPDATE' or nothing",
            "TicketStore.java: wherelimit",
            "list(queue, all, limit): 'where' is one of two literals chosen by null checks (the queue itself is a"
                    + " parameter), and limit is an int",
            "V12__Mask_stored_card_numbers.java: column.select",
            "the migration's reads: each one of a fixed list of literal statements in the same file",
            "V12__Mask_stored_card_numbers.java: column.update",
            "the migration's writes: each one of a fixed list of literal statements; the values are parameters");

    /** The argument of each {@code .sql(…)} call in {@code source}, as written. */
    static List<String> sqlArguments(String source) {
        List<String> out = new ArrayList<>();
        for (int at = source.indexOf(".sql("); at >= 0; at = source.indexOf(".sql(", at + 1)) {
            int start = at + 5;
            int depth = 1;
            int i = start;
            while (depth > 0 && i < source.length()) {
                char ch = source.charAt(i);
                if (source.startsWith("\"\"\"", i)) {
                    i = source.indexOf("\"\"\"", i + 3) + 3;
                    continue;
                }
                if (ch == '"' || ch == '\'') {
                    i++;
                    while (source.charAt(i) != ch) {
                        i += source.charAt(i) == '\\' ? 2 : 1;
                    }
                } else if (ch == '(') {
                    depth++;
                } else if (ch == ')') {
                    depth--;
                }
                i++;
            }
            out.add(source.substring(start, i - 1));
        }
        return out;
    }

    static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"[\\s\\S]*?\"\"\"");
    static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"");
    static final Pattern CONSTANT = Pattern.compile("\\b[A-Z][A-Z0-9_]*\\b");

    /** What is left of an argument once literals, constants, '+', brackets and white space are taken out. */
    static String code(String argument) {
        String rest = TEXT_BLOCK.matcher(argument).replaceAll("");
        rest = STRING.matcher(rest).replaceAll("");
        rest = CONSTANT.matcher(rest).replaceAll("");
        return rest.replaceAll("[\\s+()]", "");
    }

    @Test
    void everyStatementIsLiteralTextWithParametersOrReviewed() throws IOException {
        Map<String, String> dynamic = new TreeMap<>();
        int statements = 0;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                for (String argument : sqlArguments(Files.readString(f))) {
                    statements++;
                    String code = code(argument);
                    if (!code.isEmpty()) {
                        dynamic.put(f.getFileName() + ": " + code, argument.strip());
                    }
                }
            }
        }
        assertThat(statements).as("statements found (the scan works)").isGreaterThan(50);
        assertThat(dynamic.keySet())
                .as("statements put together in code, not yet reviewed: %s", dynamic)
                .isSubsetOf(REVIEWED.keySet());
        assertThat(REVIEWED.keySet())
                .as("reviewed statements that no longer exist")
                .isSubsetOf(dynamic.keySet());
    }

    @Test
    void sqlRunsOnlyThroughJdbcClient() throws IOException {
        Pattern other = Pattern.compile(
                "createStatement|prepareStatement|prepareCall|JdbcTemplate|addBatch|createNativeQuery|\\.execute\\(\\s*\"");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                var m = other.matcher(Files.readString(f));
                while (m.find()) {
                    found.add(f.getFileName() + ": " + m.group());
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void theScanSeesThroughConcatenation() {
        assertThat(code("\"SELECT * FROM t WHERE a = ?\"")).isEmpty();
        assertThat(code("\"\"\"\n  SELECT \"x\" FROM t\n  \"\"\"")).isEmpty();
        assertThat(code("\"SELECT \" + COLUMNS + \" FROM t\"")).isEmpty();
        assertThat(code("\"SELECT * FROM t WHERE name = '\" + name + \"'\"")).isEqualTo("name");
        assertThat(code("\"x\" + (lock ? \" FOR UPDATE\" : \"\")")).isEqualTo("lock?:");
        assertThat(sqlArguments("jdbc.sql(\"a (b) \\\" )\" + f(x)).param(1)"))
                .containsExactly("\"a (b) \\\" )\" + f(x)");
    }
}
