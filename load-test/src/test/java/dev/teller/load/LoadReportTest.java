package dev.teller.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LoadReportTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static SocketLoad.Report report() {
        SocketLoad.Result result = new SocketLoad.Result(
                2000, 5700, 5700, 5700, 30, 189.7, 31.2, 640, 1600.4, 1702, 0, 0, 0, 0, 0, 0, 0, 120, 112.5, 310, 61,
                0);
        return new SocketLoad.Report(
                new SocketLoad.Setup(
                        "2026-12-07T10:00:00Z", List.of("http://localhost:8080"), 2000, "9.5s", "1m30s", "30s"),
                result,
                List.of(
                        new SocketLoad.Window(10, 198, 20, 90, null),
                        new SocketLoad.Window(20, 201, 35, 180, 120.0),
                        new SocketLoad.Window(30, 170, 900, 1600, 105.0)));
    }

    @Test
    void theReportHasTheShapeTheChartScriptIsTestedOn() throws Exception {
        JsonNode written = JSON.readTree(SocketLoad.json(report()));
        JsonNode sample = JSON.readTree(Files.readString(Path.of("chart/test/sample-report.json")));

        assertThat(paths(written, "")).isEqualTo(paths(sample, ""));
        assertThat(written).isEqualTo(sample);
    }

    @Test
    void aWindowBeforeTheServersSecondSampleHasNoCpu() throws Exception {
        JsonNode windows = JSON.readTree(SocketLoad.json(report())).path("windows");

        assertThat(windows.get(0).get("serverCpuPct").isNull()).isTrue();
        assertThat(windows.get(1).get("serverCpuPct").asDouble()).isEqualTo(120.0);
    }

    @Test
    void percentilesAreReadInMillisecondsToThreeSignificantDigits() {
        Histogram micros = new Histogram(3);
        for (int ms = 1; ms <= 1000; ms++) {
            micros.recordValue(ms * 1000L);
        }

        assertThat(SocketLoad.percentileMs(micros, 0.5))
                .isCloseTo(500, org.assertj.core.data.Percentage.withPercentage(0.1));
        assertThat(SocketLoad.percentileMs(micros, 0.99))
                .isCloseTo(990, org.assertj.core.data.Percentage.withPercentage(0.1));
        assertThat(SocketLoad.percentileMs(new Histogram(3), 0.99))
                .as("nothing measured")
                .isZero();
    }

    /** Every field's path, e.g. {@code windows[].p99Ms}: the shape without the values. */
    private static List<String> paths(JsonNode node, String at) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext(); ) {
                String name = names.next();
                out.add(at + "." + name);
                out.addAll(paths(node.get(name), at + "." + name));
            }
        } else if (node.isArray() && !node.isEmpty()) {
            out.addAll(paths(node.get(0), at + "[]"));
        }
        return out;
    }
}
