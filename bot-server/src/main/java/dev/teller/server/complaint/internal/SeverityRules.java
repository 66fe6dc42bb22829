package dev.teller.server.complaint.internal;

import dev.teller.intents.Cue;
import dev.teller.server.complaint.Queue;
import dev.teller.server.complaint.Severity;
import dev.teller.server.complaint.Tier;
import dev.teller.server.conversation.ComplaintFacts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The severity rules of {@code complaint/severity.yml}: deterministic and explainable. Each rule that matches a
 * complaint adds a reason with the words that made it match; the highest tier wins; a repeat complaint within
 * the window goes up one tier. Pure: no storage, no clock.
 */
public final class SeverityRules {

    /** One rule as configured. Exactly one of the matchers is set. */
    record Rule(
            String name,
            Tier tier,
            Queue queue,
            boolean fundSafety,
            Set<String> escalation,
            int escalationCount,
            List<Pattern> words,
            int ageAtLeast,
            Double sentimentAtMost,
            Map<String, BigDecimal> amountAtLeast) {}

    private static final ObjectMapper YAML = YAMLMapper.builder().build();
    private static final Pattern AGE =
            Pattern.compile("(?iu)\\b(?:i am|i'm|im|aged?)\\s+(\\d{2,3})\\b|\\b(\\d{2,3})\\s*(?:years? old|yo)\\b"
                    + "|([0-9一二三四五六七八九十百]{2,5})\\s*(?:岁|周岁)");

    private final List<Rule> rules;
    private final int repeatWithinDays;

    private SeverityRules(List<Rule> rules, int repeatWithinDays) {
        this.rules = List.copyOf(rules);
        this.repeatWithinDays = repeatWithinDays;
    }

    /** The rules that ship with Teller. */
    public static SeverityRules shipped() {
        try (InputStream in = SeverityRules.class.getResourceAsStream("/complaint/severity.yml")) {
            if (in == null) {
                throw new IllegalStateException("complaint/severity.yml is missing from the class path");
            }
            return parse(YAML.readTree(in), "complaint/severity.yml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rules from a file a bank maintains; a mistake is reported with the rule and what to fix. */
    public static SeverityRules load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(YAML.readTree(in), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the severity rules in " + file, e);
        }
    }

    public static SeverityRules parse(JsonNode root, String source) {
        List<Rule> rules = new ArrayList<>();
        JsonNode list = root == null ? null : root.get("rules");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException(source + ": needs a list 'rules'");
        }
        for (JsonNode r : list) {
            String name = r.path("name").asString("");
            String where = source + ", rule '" + name + "': ";
            if (name.isBlank()) {
                throw new IllegalArgumentException(source + ": every rule needs a name");
            }
            Tier tier;
            try {
                tier = Tier.of(r.path("tier").asString(""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + "tier must be ordinary, urgent or major");
            }
            Queue queue = Queue.parse(r.path("queue").asString("general"))
                    .orElseThrow(() -> new IllegalArgumentException(where + "queue must be one of " + Queue.CODES));
            Set<String> escalation = new LinkedHashSet<>();
            r.path("escalation").forEach(k -> escalation.add(k.asString()));
            List<Pattern> words = new ArrayList<>();
            r.path("words").forEach(w -> words.add(wordPattern(w.asString())));
            Map<String, BigDecimal> amounts = new LinkedHashMap<>();
            r.path("amount-at-least")
                    .properties()
                    .forEach(e -> amounts.put(e.getKey(), e.getValue().decimalValue()));
            Rule rule = new Rule(
                    name,
                    tier,
                    queue,
                    r.path("fund-safety").asBoolean(false),
                    escalation,
                    r.path("escalation-count").asInt(0),
                    words,
                    r.path("age-at-least").asInt(0),
                    r.has("sentiment-at-most") ? r.get("sentiment-at-most").asDouble() : null,
                    amounts);
            int matchers = (rule.fundSafety() ? 1 : 0)
                    + (escalation.isEmpty() ? 0 : 1)
                    + (rule.escalationCount() > 0 ? 1 : 0)
                    + (words.isEmpty() ? 0 : 1)
                    + (rule.ageAtLeast() > 0 ? 1 : 0)
                    + (rule.sentimentAtMost() == null ? 0 : 1)
                    + (amounts.isEmpty() ? 0 : 1);
            if (matchers != 1) {
                throw new IllegalArgumentException(where + "needs exactly one of fund-safety, escalation, "
                        + "escalation-count, words, age-at-least, sentiment-at-most, amount-at-least");
            }
            if (!amounts.isEmpty() && !amounts.containsKey("default")) {
                throw new IllegalArgumentException(where + "amount-at-least needs a 'default' for other currencies");
            }
            rules.add(rule);
        }
        return new SeverityRules(rules, root.path("repeat").path("within-days").asInt(30));
    }

    /** Days within which a second complaint counts as a repeat. */
    public int repeatWithinDays() {
        return repeatWithinDays;
    }

    /**
     * Assesses one complaint.
     *
     * @param earlier the numbers of the customer's other complaints within {@link #repeatWithinDays()}
     */
    public Severity assess(ComplaintFacts f, List<String> earlier) {
        String text = String.join("\n", f.texts());
        Tier tier = Tier.ORDINARY;
        Queue queue = Queue.GENERAL;
        List<String> reasons = new ArrayList<>();
        for (Rule r : rules) {
            String why = matches(r, f, text);
            if (why == null) {
                continue;
            }
            reasons.add(r.name() + ": " + why + " → " + r.tier().code());
            if (r.tier().compareTo(tier) > 0) {
                tier = r.tier();
            }
            queue = queue.orMoreSpecialised(r.queue());
        }
        if (!earlier.isEmpty()) {
            Tier before = tier;
            tier = tier.up();
            reasons.add("repeat complaint: " + earlier.size() + " other in the last " + repeatWithinDays + " days ("
                    + String.join(", ", earlier) + ") → " + (tier == before ? "stays " : "") + tier.code());
        }
        if (tier == Tier.MAJOR && queue == Queue.GENERAL) {
            queue = Queue.SENIOR;
        }
        if (reasons.isEmpty()) {
            reasons.add("no aggravating factor → ordinary");
        }
        String category = f.category() == null ? "service" : f.category();
        reasons.add(
                0,
                "category " + category
                        + (f.categoryTriggers().isEmpty()
                                ? (f.category() == null ? " (nothing more specific said)" : "")
                                : " ('" + String.join("', '", f.categoryTriggers()) + "')"));
        return new Severity(tier, category, !f.fundSafety().isEmpty(), queue, reasons, !earlier.isEmpty());
    }

    /** Why a rule matches (the triggering words), or null when it does not. */
    private static String matches(Rule r, ComplaintFacts f, String text) {
        if (r.fundSafety()) {
            return f.fundSafety().isEmpty() ? null : cues(f.fundSafety());
        }
        if (!r.escalation().isEmpty()) {
            List<Cue> hit = f.escalation().stream()
                    .filter(c -> r.escalation().contains(c.kind()))
                    .toList();
            return hit.isEmpty() ? null : cues(hit);
        }
        if (r.escalationCount() > 0) {
            long kinds = f.escalation().stream().map(Cue::kind).distinct().count();
            return kinds >= r.escalationCount() ? cues(f.escalation()) : null;
        }
        if (!r.words().isEmpty()) {
            List<String> found = new ArrayList<>();
            for (Pattern p : r.words()) {
                Matcher m = p.matcher(text);
                if (m.find()) {
                    found.add("'" + m.group() + "'");
                }
            }
            return found.isEmpty() ? null : String.join(", ", found);
        }
        if (r.ageAtLeast() > 0) {
            Matcher m = AGE.matcher(text);
            while (m.find()) {
                String n = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                int age = chineseOrArabic(n);
                if (age >= r.ageAtLeast() && age < 130) {
                    return "'" + m.group().strip() + "'";
                }
            }
            return null;
        }
        if (r.sentimentAtMost() != null) {
            return f.minSentiment() <= r.sentimentAtMost()
                    ? "sentiment " + Math.round(f.minSentiment() * 100) / 100.0
                    : null;
        }
        if (f.amount() == null) {
            return null;
        }
        String currency = f.amount().currency() == null ? "default" : f.amount().currency();
        BigDecimal threshold =
                r.amountAtLeast().getOrDefault(currency, r.amountAtLeast().get("default"));
        return f.amount().amount().compareTo(threshold) >= 0
                ? f.amount().amount().toPlainString()
                        + (f.amount().currency() == null ? "" : " " + f.amount().currency())
                        + " ('" + f.amount().trigger() + "')"
                : null;
    }

    /** 82, or a Chinese numeral such as 七十五 or 一百零二; -1 when it is neither. */
    static int chineseOrArabic(String n) {
        if (n.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(n);
        }
        String digits = "零一二三四五六七八九";
        int total = 0;
        int current = 0;
        for (char c : n.toCharArray()) {
            int d = digits.indexOf(c);
            if (d >= 0) {
                current = d;
            } else if (c == '十') {
                total += (current == 0 ? 1 : current) * 10;
                current = 0;
            } else if (c == '百') {
                total += (current == 0 ? 1 : current) * 100;
                current = 0;
            } else {
                return -1;
            }
        }
        return total + current;
    }

    private static String cues(List<Cue> cues) {
        return String.join(
                ", ",
                cues.stream().map(c -> c.kind() + " '" + c.trigger() + "'").toList());
    }

    private static Pattern wordPattern(String word) {
        String quoted = Pattern.quote(word.toLowerCase(Locale.ROOT));
        boolean latin = word.chars().anyMatch(c -> c < 0x2E80 && Character.isLetter(c));
        return Pattern.compile(latin ? "(?iu)(?<![\\p{L}\\p{N}])" + quoted + "(?![\\p{L}\\p{N}])" : "(?iu)" + quoted);
    }
}
