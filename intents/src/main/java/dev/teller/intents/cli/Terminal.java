package dev.teller.intents.cli;

import dev.teller.intents.data.DataFileException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Teller's command-line tools share: UTF-8 standard output and error whatever the platform's default,
 * clear one-line errors for bad files and arguments, and figures printed one per line and then, with
 * {@code --json}, as one JSON object on the last line.
 */
public final class Terminal {

    public static final ObjectMapper JSON = JsonMapper.builder().build();
    public static final PrintStream OUT =
            new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    public static final PrintStream ERR =
            new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);

    private Terminal() {}

    /** Runs a picocli command and exits with its status. */
    public static void run(Object command, String[] args) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(OUT, true));
        cli.setErr(new PrintWriter(ERR, true));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof DataFileException || e instanceof IllegalArgumentException) {
                ERR.println("error: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        System.exit(cli.execute(args));
    }

    /** Prints figures as {@code name: value} lines, then as one line of JSON when asked. */
    public static void printFigures(Map<String, ?> figures, boolean json) {
        figures.forEach((k, v) -> OUT.println(k + ": " + v));
        if (json) {
            OUT.println(JSON.writeValueAsString(figures));
        }
    }
}
