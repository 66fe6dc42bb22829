package dev.teller.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LoadChartTest {

    @Test
    void eachWindowIsAPointAndTheWorstP99ReachesTheTopOfItsScale() {
        List<LoadChart.Window> windows = List.of(
                new LoadChart.Window(10, 198, 20, 90, Double.NaN),
                new LoadChart.Window(20, 201, 35, 180, 120),
                new LoadChart.Window(30, 170, 900, 1600, 105));
        String svg = LoadChart.svg("2000 customers <test> & more", "p99 1600 ms", windows);

        assertThat(svg)
                .startsWith("<svg")
                .endsWith("</svg>\n")
                .contains("2000 customers &lt;test&gt; &amp; more")
                .contains("p99 1600 ms");
        List<double[]> p99 = points(svg, "p99");
        assertThat(p99).hasSize(3);
        assertThat(points(svg, "p50")).hasSize(3);
        assertThat(points(svg, "replies")).hasSize(3);
        assertThat(points(svg, "servercpu"))
                .as("no CPU point before the server's second sample")
                .hasSize(2);
        // Scale 0..2000 ms (1600 rounded up); y grows downwards from the panel's top at 70, 190 high.
        assertThat(p99.get(2)[1]).isCloseTo(70 + 190 - 190 * 1600 / 2000.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(p99.get(0)[1]).isGreaterThan(p99.get(1)[1]).isGreaterThan(p99.get(2)[1]);
        assertThat(p99.get(0)[0]).isLessThan(p99.get(1)[0]).isLessThan(p99.get(2)[0]);
    }

    @Test
    void scalesEndOnRoundNumbers() {
        assertThat(LoadChart.niceCeiling(1600)).isEqualTo(2000);
        assertThat(LoadChart.niceCeiling(201)).isEqualTo(500);
        assertThat(LoadChart.niceCeiling(100)).isEqualTo(100);
        assertThat(LoadChart.niceCeiling(0)).isEqualTo(1);
    }

    private static List<double[]> points(String svg, String series) {
        Matcher m = Pattern.compile("class=\"" + series + "[a-z0-9]*\"[^>]*points=\"([^\"]*)\"")
                .matcher(svg);
        assertThat(m.find()).as(series).isTrue();
        return java.util.Arrays.stream(m.group(1).split(" "))
                .map(p -> java.util.Arrays.stream(p.split(","))
                        .mapToDouble(Double::parseDouble)
                        .toArray())
                .toList();
    }
}
