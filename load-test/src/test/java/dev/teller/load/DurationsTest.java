package dev.teller.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsWholeAndDecimalDurationsInEveryUnit() {
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("9.5s")).isEqualTo(Duration.ofMillis(9500));
        assertThat(Durations.parse(" 5M ")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("0s")).isEqualTo(Duration.ZERO);
    }

    @Test
    void readsCompoundDurationsAsTheReportWritesThem() {
        assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("1h2m3.5s")).isEqualTo(Duration.ofMillis(3_723_500));
        assertThat(Durations.parse("2s250ms")).isEqualTo(Duration.ofMillis(2250));
        for (Duration d : new Duration[] {
            Duration.ofSeconds(90), Duration.ofMillis(3_723_500), Duration.ofMinutes(5), Duration.ofMillis(9500)
        }) {
            assertThat(Durations.parse(Durations.human(d))).as(d.toString()).isEqualTo(d);
        }
    }

    @Test
    void refusesWhatIsNotADurationWithAnExample() {
        for (String bad :
                new String[] {"", "10", "s", "ten s", "-1s", "1e400s", "5d", "1.2.3m", "30s1m", "1s1s", "1m 30s", "m30s"
                }) {
            assertThatThrownBy(() -> Durations.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("write it like 250ms, 9.5s, 5m, 1h or 1m30s");
        }
    }

    @Test
    void writesDurationsAsTheOptionsAreWritten() {
        assertThat(Durations.human(Duration.ofSeconds(10))).isEqualTo("10s");
        assertThat(Durations.human(Duration.ofMillis(9500))).isEqualTo("9.5s");
        assertThat(Durations.human(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(Durations.human(Duration.ofMillis(250))).isEqualTo("250ms");
    }
}
