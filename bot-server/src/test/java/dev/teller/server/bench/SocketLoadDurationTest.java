package dev.teller.server.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SocketLoadDurationTest {

    @Test
    void readsWholeAndDecimalDurationsInEveryUnit() {
        assertThat(SocketLoad.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(SocketLoad.duration("9.5s")).isEqualTo(Duration.ofMillis(9500));
        assertThat(SocketLoad.duration(" 5M ")).isEqualTo(Duration.ofMinutes(5));
        assertThat(SocketLoad.duration("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(SocketLoad.duration("0s")).isEqualTo(Duration.ZERO);
    }

    @Test
    void readsCompoundDurationsAsTheReportWritesThem() {
        assertThat(SocketLoad.duration("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(SocketLoad.duration("1h2m3.5s")).isEqualTo(Duration.ofMillis(3_723_500));
        assertThat(SocketLoad.duration("2s250ms")).isEqualTo(Duration.ofMillis(2250));
        for (Duration d : new Duration[] {
            Duration.ofSeconds(90), Duration.ofMillis(3_723_500), Duration.ofMinutes(5), Duration.ofMillis(9500)
        }) {
            assertThat(SocketLoad.duration(SocketLoad.human(d)))
                    .as(d.toString())
                    .isEqualTo(d);
        }
    }

    @Test
    void refusesWhatIsNotADurationWithAnExample() {
        for (String bad :
                new String[] {"", "10", "s", "ten s", "-1s", "1e400s", "5d", "1.2.3m", "30s1m", "1s1s", "1m 30s", "m30s"
                }) {
            assertThatThrownBy(() -> SocketLoad.duration(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("write it like 250ms, 9.5s, 5m, 1h or 1m30s");
        }
    }

    @Test
    void writesDurationsAsTheOptionsAreWritten() {
        assertThat(SocketLoad.human(Duration.ofSeconds(10))).isEqualTo("10s");
        assertThat(SocketLoad.human(Duration.ofMillis(9500))).isEqualTo("9.5s");
        assertThat(SocketLoad.human(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(SocketLoad.human(Duration.ofMillis(250))).isEqualTo("250ms");
    }
}
