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

    /** Patterns of one kind (fraud, regulator, service, ...), English and Chinese together. */
    record Kind(String name, List<Pattern> patterns) {

        /** Every distinct match in {@code text}, in order of appearance. */
        List<String> matches(String text) {
            Set<String> found = new LinkedHashSet<>();
            for (Pattern p : patterns) {
                Matcher m = p.matcher(text);
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

    private static List<Pattern> compile(JsonNode byLanguage, String where) {
        List<Pattern> patterns = new ArrayList<>();
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
                    patterns.add(Pattern.compile(bounded, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException(where + ": bad pattern '" + regex + "': " + e.getDescription());
                }
            }
        }
        return List.copyOf(patterns);
    }

    /** All cues of a section found in {@code text}: one per distinct matched phrase. */
    public List<Cue> find(String section, String text) {
        List<Cue> cues = new ArrayList<>();
        for (Kind kind : sections.getOrDefault(section, List.of())) {
            for (String match : kind.matches(text)) {
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
