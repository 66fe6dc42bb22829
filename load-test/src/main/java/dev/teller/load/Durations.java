package dev.teller.load;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as the generators' options and reports write them: {@code 250ms}, {@code 9.5s}, {@code 1m30s}. */
final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

    private Durations() {}

    /** 10s, 1m30s, 250ms: how the options are written. */
    static String human(Duration d) {
        return d.toMillis() < 1000
                ? d.toMillis() + "ms"
                : d.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    /**
     * A duration such as {@code 250ms}, {@code 9.5s}, {@code 5m}, {@code 1h} or a sum of them written
     * largest first, such as {@code 1m30s}: the form {@link #human} writes.
     */
    static Duration parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        Matcher m = PART.matcher(t);
        double nanos = 0;
        int at = 0;
        int lastRank = Integer.MAX_VALUE;
        while (at < t.length() && m.find(at) && m.start() == at) {
            int rank = switch (m.group(2)) {
                case "h" -> 3;
                case "m" -> 2;
                case "s" -> 1;
                default -> 0;
            };
            if (rank >= lastRank) {
                at = -1; // units out of order or repeated, as in 5s1m or 1s1s
                break;
            }
            lastRank = rank;
            long perUnit = switch (rank) {
                case 3 -> 3_600_000_000_000L;
                case 2 -> 60_000_000_000L;
                case 1 -> 1_000_000_000L;
                default -> 1_000_000L;
            };
            nanos += Double.parseDouble(m.group(1)) * perUnit;
            at = m.end();
        }
        if (!t.isEmpty() && at == t.length() && nanos < Long.MAX_VALUE) {
            return Duration.ofNanos(Math.round(nanos));
        }
        throw new IllegalArgumentException("'" + s + "' is not a duration: write it like 250ms, 9.5s, 5m, 1h or 1m30s");
    }

    /** Reads a duration option for picocli, which then names the option in its message. */
    static final class Converter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
