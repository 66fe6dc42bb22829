package dev.teller.server.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvCellTest {
    @Test
    void cellsAreQuotedAndFormulasDefused() {
        assertThat(SupervisorController.cell("plain")).isEqualTo("\"plain\"");
        assertThat(SupervisorController.cell("say \"hi\", ok")).isEqualTo("\"say \"\"hi\"\", ok\"");
        assertThat(SupervisorController.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(SupervisorController.cell("+1")).isEqualTo("\"'+1\"");
        assertThat(SupervisorController.cell("@SUM(A1)")).startsWith("\"'@");
        assertThat(SupervisorController.cell(null)).isEmpty();
    }
}
