package dev.teller.server.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teller.server.supervisor.internal.SupervisorViews;
import dev.teller.server.supervisor.internal.TranscriptCsv;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class CsvCellTest {

    static final UUID ID = UUID.fromString("4cecf09d-7cf5-44ad-bceb-8a045a82ffed");
    static final Instant AT = Instant.parse("2026-12-07T20:24:57.101756Z");

    /** The CSV of one conversation in {@code language} with one message of {@code text}: its one data row. */
    static String row(String language, String text) {
        String csv = TranscriptCsv.write(List.of(new SupervisorViews.Transcript(
                ID,
                language,
                "web",
                AT,
                List.of("C-2026-000001"),
                List.of(new SupervisorViews.Line(1, "customer", text, AT)))));
        String[] lines = csv.split("\n", -1);
        assertThat(lines).as(csv).hasSize(3);
        assertThat(lines[2]).as("each record ends with a line feed").isEmpty();
        return lines[1];
    }

    @Test
    void cellsAreQuotedAndFormulasDefused() {
        String start = "\"" + ID + "\",\"en\",\"web\",\"C-2026-000001\",\"1\",\"customer\",\"" + AT + "\",";
        assertThat(row("en", "plain")).isEqualTo(start + "\"plain\"");
        assertThat(row("en", "say \"hi\", ok")).isEqualTo(start + "\"say \"\"hi\"\", ok\"");
        assertThat(row("en", "=HYPERLINK(\"x\")")).isEqualTo(start + "\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(row("en", "+1")).isEqualTo(start + "\"'+1\"");
        assertThat(row("en", "-1+2")).isEqualTo(start + "\"'-1+2\"");
        assertThat(row("en", "@SUM(A1)")).startsWith(start + "\"'@");
        assertThat(row("en", "\tx")).isEqualTo(start + "\"'\tx\"");
        assertThat(row("en", "a = b + c"))
                .as("only a leading sign is a formula")
                .isEqualTo(start + "\"a = b + c\"");
        assertThat(row(null, "plain")).as("no language: an empty cell").startsWith("\"" + ID + "\",,\"web\",");
        assertThat(row("=cmd|' /C calc'!A0", "x")).as("every text cell defused").contains(",\"'=cmd|");
    }

    @Test
    void aSpreadsheetReadsBackWhatWasSaid() throws Exception {
        String text = "line one, \"quoted\"\nline two: 4111 **** **** 1111";
        List<CSVRecord> records = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(TranscriptCsv.write(List.of(new SupervisorViews.Transcript(
                        ID,
                        "en",
                        "web",
                        AT,
                        List.of("C-1", "C-2"),
                        List.of(new SupervisorViews.Line(7, "bot", text, AT)))))))
                .getRecords();
        assertThat(records).hasSize(1);
        CSVRecord r = records.getFirst();
        assertThat(r.get("conversation_id")).isEqualTo(ID.toString());
        assertThat(r.get("tickets")).isEqualTo("C-1 C-2");
        assertThat(r.get("seq")).isEqualTo("7");
        assertThat(r.get("from")).isEqualTo("bot");
        assertThat(r.get("created_at")).isEqualTo(AT.toString());
        assertThat(r.get("text")).isEqualTo(text);
    }
}
