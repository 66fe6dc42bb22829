package dev.teller.intents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teller.intents.data.Csv;
import dev.teller.intents.data.LabeledText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The shipped model was trained only on examples we wrote. Here it meets real customer queries it never saw:
 * the texts of BANKING77's training set (read from ../shared/datasets at run time; skipped where absent).
 */
@Tag("evaluation")
class ShippedModelAgreementTest {

    @Test
    void agreesWithRealCustomerQueries() {
        String configured = System.getProperty("teller.datasets", "../../shared/datasets");
        Path file = Path.of(configured, "banking77", "train.csv");
        Assumptions.assumeTrue(Files.isRegularFile(file), file + " is absent: skipped (it runs in CI)");
        List<LabeledText> rows = Csv.read(file);
        Understander understander = ShippedModel.get();
        int agree = 0;
        for (LabeledText row : rows) {
            Understanding u = understander.understand(row.text());
            if (u.intents().get(0).intent().equals(row.label())) {
                agree++;
            }
        }
        double agreement = agree / (double) rows.size();
        System.out.printf(
                "[evaluation] shipped model on banking77/train.csv: top-intent agreement %.4f (%d/%d)%n",
                agreement, agree, rows.size());
        assertThat(agreement).isGreaterThanOrEqualTo(0.80);
    }
}
