package dev.teller.server.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teller.intents.Intents;
import dev.teller.intents.Understander;
import dev.teller.server.complaint.internal.SeverityRules;
import dev.teller.server.conversation.ComplaintFacts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The severity rules against a table of complaints in English and Chinese with the tier, category and
 * fund-safety flag each must get, read by the real intents model (the one the server loads).
 */
class SeverityTableTest {

    record Row(String message, Tier tier, String category, boolean fundSafety) {}

    static Understander understander;
    static final SeverityRules RULES = SeverityRules.shipped();

    @BeforeAll
    static void load() {
        understander = Intents.load(Intents.Config.defaults().withExtraIntentCsv(List.of()));
    }

    static List<Row> table() throws IOException {
        try (InputStream in = SeverityTableTest.class.getResourceAsStream("/complaint/severity-table.tsv")) {
            List<Row> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                rows.add(new Row(f[0], Tier.of(f[1]), f[2], Boolean.parseBoolean(f[3])));
            }
            return rows;
        }
    }

    @Test
    void everyComplaintOfTheTableGetsItsTierCategoryAndFundSafetyFlagWithReasons() throws IOException {
        List<Row> rows = table();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(40);
        assertThat(rows.stream().filter(r -> r.message().codePoints().anyMatch(c -> c >= 0x4E00)))
                .hasSizeGreaterThanOrEqualTo(15);
        List<String> wrong = new ArrayList<>();
        for (Row row : rows) {
            ComplaintFacts facts = ComplaintFacts.of(understander.understand(row.message()), row.message());
            Severity s = RULES.assess(facts, List.of());
            String got = s.tier().code() + " " + s.category() + " " + s.fundSafety();
            String want = row.tier().code() + " " + row.category() + " " + row.fundSafety();
            if (!got.equals(want)) {
                wrong.add(row.message() + "\n    want " + want + ", got " + got + " " + s.reasons());
            }
            assertThat(s.reasons()).as(row.message()).isNotEmpty();
            if (s.tier() != Tier.ORDINARY) {
                assertThat(s.reasons())
                        .as(row.message())
                        .anyMatch(r -> r.contains("'") && r.endsWith(s.tier().code()));
            }
        }
        assertThat(wrong)
                .as(wrong.size() + " of " + rows.size() + " rows differ")
                .isEmpty();
    }

    @Test
    void aRepeatComplaintGoesUpOneTierAndSaysWhich() {
        String text = "The staff at the branch were rude to me and nobody helped";
        ComplaintFacts facts = ComplaintFacts.of(understander.understand(text), text);
        Severity s = RULES.assess(facts, List.of("C-2026-000041"));
        assertThat(s.tier()).isEqualTo(Tier.URGENT);
        assertThat(s.reasons()).anyMatch(r -> r.contains("repeat complaint") && r.contains("C-2026-000041"));
    }

    @Test
    void aBrokenRulesFileSaysWhichRuleAndWhatToFix() {
        var yaml = tools.jackson.dataformat.yaml.YAMLMapper.builder().build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SeverityRules.parse(
                        yaml.readTree("rules:\n  - name: too big\n    tier: huge\n    words: [x]\n"), "test.yml"))
                .hasMessageContaining("rule 'too big'")
                .hasMessageContaining("tier must be");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SeverityRules.parse(
                        yaml.readTree(
                                "rules:\n  - name: two\n    tier: urgent\n    words: [x]\n    fund-safety: true\n"),
                        "test.yml"))
                .hasMessageContaining("exactly one");
    }
}
