package dev.teller.intents.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads labelled CSV files: a header row, the text in the first column and the label in the second. */
public final class Csv {

    private Csv() {}

    /**
     * @throws DataFileException when the file is missing, unreadable or has fewer than two columns
     */
    public static List<LabeledText> read(Path file) {
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .get();
        List<LabeledText> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser =
                        CSVParser.builder().setReader(reader).setFormat(format).get()) {
            if (parser.getHeaderNames().size() < 2) {
                throw new DataFileException(file, "needs a header row and at least two columns: text, label");
            }
            for (CSVRecord record : parser) {
                if (record.size() < 2) {
                    throw new DataFileException(
                            file, "line " + parser.getCurrentLineNumber() + " has fewer than two columns");
                }
                String label = record.get(1).strip();
                if (label.isEmpty()) {
                    throw new DataFileException(file, "line " + parser.getCurrentLineNumber() + " has no label");
                }
                rows.add(new LabeledText(record.get(0), label));
            }
        } catch (NoSuchFileException e) {
            throw new DataFileException(file, "no such file");
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataFileException d) {
                throw d;
            }
            throw new DataFileException(file, "cannot be read as CSV: " + e.getMessage());
        }
        if (rows.isEmpty()) {
            throw new DataFileException(file, "has no rows");
        }
        return rows;
    }
}
