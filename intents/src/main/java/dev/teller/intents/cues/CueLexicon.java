package dev.teller.intents.cues;

import dev.teller.intents.Cue;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Teller's cue lexicon ({@code data/cues.yml}): named groups of patterns, each able to say which words of a
 * message matched. Immutable and thread-safe once loaded.
 */
public final class CueLexicon {

    /**
     * One pattern, with a piece of text every match of it must contain ({@link #requiredLiteral}), folded as
     * {@link #fold} folds: a message without it is not scanned.
     */
    record Entry(Pattern pattern, String literal) {}

    /** Patterns of one kind (fraud, regulator, service, ...), English and Chinese together. */
    record Kind(String name, List<Entry> entries) {

        /** Every distinct match in {@code text} ({@code folded} is its {@link #fold}), in order of appearance. */
        List<String> matches(String text, String folded) {
            Set<String> found = new LinkedHashSet<>();
            for (Entry e : entries) {
                if (!folded.contains(e.literal())) {
                    continue;
                }
                Matcher m = e.pattern().matcher(text);
                while (m.find()) {
                    if (m.end() > m.start()) {
                        found.add(m.group().strip());
                    }
                }
            }
            return new ArrayList<>(found);
        }
    }

    private final Map<String, List<Kind>> sections;

    private CueLexicon(Map<String, List<Kind>> sections) {
        this.sections = sections;
    }

    /** The lexicon shipped in the jar. */
    public static CueLexicon shipped() {
        try (InputStream in = CueLexicon.class.getResourceAsStream("/dev/teller/intents/data/cues.yml")) {
            if (in == null) {
                throw new IllegalStateException("cues.yml is missing from the classpath");
            }
            return load(in, "cues.yml");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read cues.yml", e);
        }
    }

    /**
     * Reads a lexicon.
     *
     * @throws IllegalArgumentException naming the section and pattern when a pattern is not valid
     */
    public static CueLexicon load(InputStream yaml, String source) {
        ObjectMapper mapper = YAMLMapper.builder().build();
        JsonNode root = mapper.readTree(yaml);
        Map<String, List<Kind>> sections = new LinkedHashMap<>();
        for (String section : List.of("fund_safety", "escalation", "category", "sentiment")) {
            List<Kind> kinds = new ArrayList<>();
            JsonNode node = root.path(section);
            for (Map.Entry<String, JsonNode> kind : node.properties()) {
                kinds.add(new Kind(
                        kind.getKey(), compile(kind.getValue(), source + ": " + section + "." + kind.getKey())));
            }
            sections.put(section, List.copyOf(kinds));
        }
        sections.put(
                "complaint", List.of(new Kind("complaint", compile(root.path("complaint"), source + ": complaint"))));
        return new CueLexicon(sections);
    }

    private static List<Entry> compile(JsonNode byLanguage, String where) {
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> lang : byLanguage.properties()) {
            boolean english = lang.getKey().equals("en");
            for (JsonNode p : lang.getValue()) {
                String regex = p.asString();
                try {
                    // English words stand alone; a Latin word in another language's list ("APP" among the
                    // Chinese words) must not match inside an English word ("approval") either.
                    String bounded = english
                            ? "(?<![\\p{L}\\p{N}])(?:" + regex + ")(?![\\p{L}\\p{N}])"
                            : regex.matches("[\\x20-\\x7E]+")
                                    ? "(?<![A-Za-z0-9])(?:" + regex + ")(?![A-Za-z0-9])"
                                    : regex;
                    entries.add(new Entry(
                            Pattern.compile(bounded, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
                            fold(requiredLiteral(regex))));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException(where + ": bad pattern '" + regex + "': " + e.getDescription());
                }
            }
        }
        return List.copyOf(entries);
    }

    /**
     * The longest run of plain characters that every match of {@code regex} contains, or "" when none is sure.
     * Only the top level of the pattern is read: a group, a class, an escape, a wildcard or an anchor ends a run,
     * a quantified character is left out of it, and a top-level alternative ({@code a|b}) gives "".
     */
    static String requiredLiteral(String regex) {
        String best = "";
        StringBuilder run = new StringBuilder();
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '|') {
                return "";
            }
            if ("([\\.^$?*+{)]}".indexOf(c) >= 0 || Character.isSurrogate(c)) {
                best = longer(best, run);
                run.setLength(0);
                i = skip(regex, i);
                continue;
            }
            if (i + 1 < regex.length() && "?*+{".indexOf(regex.charAt(i + 1)) >= 0) {
                // "cards?" or "x{0,2}": this character may be missing or repeated; the run ends before it.
                best = longer(best, run);
                run.setLength(0);
                i = skip(regex, i + 1);
                continue;
            }
            run.append(c);
            i++;
        }
        return longer(best, run);
    }

    private static String longer(String best, CharSequence run) {
        return run.length() > best.length() ? run.toString() : best;
    }

    /** The index after the element at {@code i}: a group or class with what it holds, an escape, a quantifier. */
    private static int skip(String regex, int i) {
        char c = regex.charAt(i);
        int j = i + 1;
        if (c == '\\') {
            j = Math.min(regex.length(), i + 2);
            if (j < regex.length() && "pPx".indexOf(regex.charAt(i + 1)) >= 0 && regex.charAt(j) == '{') {
                j = regex.indexOf('}', j) + 1;
            }
        } else if (c == '(' || c == '[') {
            int depth = 1;
            while (j < regex.length() && depth > 0) {
                char d = regex.charAt(j);
                if (d == '\\') {
                    j++;
                } else if (d == c) {
                    depth++;
                } else if (d == (c == '(' ? ')' : ']')) {
                    depth--;
                }
                j++;
            }
        } else if (c == '{') {
            j = regex.indexOf('}', i) + 1;
        }
        // A quantifier after the element (and its lazy or possessive mark) goes with it.
        while (j > 0 && j < regex.length() && "?*+{".indexOf(regex.charAt(j)) >= 0) {
            j = regex.charAt(j) == '{' ? regex.indexOf('}', j) + 1 : j + 1;
        }
        return j <= 0 ? regex.length() : j;
    }

    /**
     * Case folded as the patterns' case-insensitive Unicode matching folds each character (upper case, then lower
     * case of that), so that a match's text, folded, holds its pattern's folded literal.
     */
    static String fold(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = Character.toLowerCase(Character.toUpperCase(chars[i]));
        }
        return new String(chars);
    }

    /** The same patterns, each scanned on every message (to check that skipping by literal changes nothing). */
    CueLexicon withoutLiterals() {
        Map<String, List<Kind>> copy = new LinkedHashMap<>();
        sections.forEach((section, kinds) -> copy.put(
                section,
                kinds.stream()
                        .map(k -> new Kind(
                                k.name(),
                                k.entries().stream()
                                        .map(e -> new Entry(e.pattern(), ""))
                                        .toList()))
                        .toList()));
        return new CueLexicon(copy);
    }

    /** All cues of a section found in {@code text}: one per distinct matched phrase. */
    public List<Cue> find(String section, String text) {
        List<Cue> cues = new ArrayList<>();
        String folded = fold(text);
        for (Kind kind : sections.getOrDefault(section, List.of())) {
            for (String match : kind.matches(text, folded)) {
                cues.add(new Cue(kind.name(), match));
            }
        }
        return cues;
    }

    /** The kinds of a section, in file order. */
    public List<String> kinds(String section) {
        return sections.getOrDefault(section, List.of()).stream()
                .map(Kind::name)
                .toList();
    }
}
