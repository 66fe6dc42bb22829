package dev.teller.server.supervisor.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * Transcripts as CSV for a spreadsheet, one row per message, written by commons-csv: every cell quoted (an absent
 * one left empty), and text that a spreadsheet would run as a formula defused.
 */
public final class TranscriptCsv {

    static final CSVFormat FORMAT = CSVFormat.DEFAULT
            .builder()
            .setHeader("conversation_id", "language", "channel", "tickets", "seq", "from", "created_at", "text")
            .setQuoteMode(QuoteMode.ALL_NON_NULL)
            .setRecordSeparator('\n')
            .get();

    private TranscriptCsv() {}

    public static String write(List<SupervisorViews.Transcript> transcripts) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter csv = new CSVPrinter(out, FORMAT)) {
            for (SupervisorViews.Transcript t : transcripts) {
                for (SupervisorViews.Line l : t.lines()) {
                    csv.printRecord(
                            t.conversationId(),
                            defused(t.language()),
                            defused(t.channel()),
                            defused(String.join(" ", t.tickets())),
                            l.seq(),
                            l.from(),
                            l.at(),
                            defused(l.text()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a StringBuilder does not fail", e);
        }
        return out.toString();
    }

    /**
     * The text with a leading =, +, -, @, tab or carriage return defused by a quote mark, so that no spreadsheet
     * runs it as a formula (OWASP's CSV injection advice); null stays null (an empty cell).
     */
    static String defused(String s) {
        return s != null && s.matches("(?s)^[=+\\-@\\t\\r].*") ? "'" + s : s;
    }
}
