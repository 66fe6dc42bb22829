package dev.teller.server.bench;

import java.util.List;
import java.util.Locale;

/**
 * A load run as a picture: reply latency (p50 and p99) and throughput with the server's CPU, one point per
 * 10-second window, as a self-contained SVG that any browser opens. The spikes and the slow start that the
 * final percentiles fold into one number are what it shows.
 */
final class LoadChart {

    /** One progress window of the run. */
    record Window(double atSeconds, double repliesPerSecond, double p50Ms, double p99Ms, double serverCpuPct) {}

    private static final int WIDTH = 760;
    private static final int PANEL = 190;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;

    private LoadChart() {}

    static String svg(String title, String subtitle, List<Window> windows) {
        StringBuilder s = new StringBuilder();
        int height = 2 * PANEL + 160;
        s.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" "
                        + "font-size=\"12\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
                WIDTH,
                height));
        s.append(text(LEFT, 20, 14, escape(title)));
        s.append(text(LEFT, 38, 12, escape(subtitle)));
        double tMax = windows.stream().mapToDouble(Window::atSeconds).max().orElse(1);
        double latencyMax =
                niceCeiling(windows.stream().mapToDouble(Window::p99Ms).max().orElse(1));
        double rateMax = niceCeiling(Math.max(
                windows.stream().mapToDouble(Window::repliesPerSecond).max().orElse(1),
                windows.stream()
                        .mapToDouble(Window::serverCpuPct)
                        .filter(v -> !Double.isNaN(v))
                        .max()
                        .orElse(1)));
        panel(
                s,
                70,
                "reply latency (ms)",
                latencyMax,
                tMax,
                windows,
                List.of(new Series("p99", "#c0392b", Window::p99Ms), new Series("p50", "#2471a3", Window::p50Ms)));
        panel(
                s,
                70 + PANEL + 40,
                "replies/s and server CPU (%, 100 = one core)",
                rateMax,
                tMax,
                windows,
                List.of(
                        new Series("replies/s", "#1e8449", Window::repliesPerSecond),
                        new Series("server CPU %", "#7d3c98", Window::serverCpuPct)));
        s.append(text(LEFT + (WIDTH - LEFT - RIGHT) / 2 - 60, height - 8, 12, "seconds after the ramp"));
        s.append("</svg>\n");
        return s.toString();
    }

    private record Series(String name, String colour, java.util.function.ToDoubleFunction<Window> value) {}

    private static void panel(
            StringBuilder s,
            int top,
            String label,
            double yMax,
            double tMax,
            List<Window> windows,
            List<Series> series) {
        int w = WIDTH - LEFT - RIGHT;
        s.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>\n",
                LEFT,
                top,
                w,
                PANEL));
        s.append(text(LEFT, top - 6, 12, label));
        for (int i = 0; i <= 4; i++) {
            double v = yMax * i / 4;
            double y = top + PANEL - PANEL * i / 4.0;
            s.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>\n",
                    LEFT,
                    y,
                    LEFT + w,
                    y));
            s.append(text(LEFT - 52, (int) y + 4, 11, String.format(Locale.ROOT, "%6.0f", v)));
        }
        for (int i = 0; i <= 5; i++) {
            double t = tMax * i / 5;
            s.append(text(LEFT + (int) (w * i / 5.0) - 8, top + PANEL + 14, 11, String.format(Locale.ROOT, "%.0f", t)));
        }
        int legend = LEFT + w - 10;
        for (Series se : series) {
            StringBuilder points = new StringBuilder();
            for (Window win : windows) {
                double value = se.value().applyAsDouble(win);
                if (Double.isNaN(value)) {
                    continue; // not measured in this window (the server's CPU before a second sample)
                }
                double x = LEFT + w * (tMax == 0 ? 0 : win.atSeconds() / tMax);
                double y = top + PANEL - PANEL * Math.min(1, value / yMax);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            s.append(String.format(
                    Locale.ROOT,
                    "<polyline class=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>\n",
                    se.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""),
                    se.colour(),
                    points.toString().strip()));
            legend -= 8 * se.name().length() + 24;
            s.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"3\" fill=\"%s\"/>\n",
                    legend,
                    top + 10,
                    se.colour()));
            s.append(text(legend + 16, top + 15, 11, se.name()));
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v}. */
    static double niceCeiling(double v) {
        if (v <= 0 || Double.isNaN(v)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String text(int x, int y, int size, String t) {
        return String.format(
                Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" fill=\"#333\">%s</text>\n", x, y, size, t);
    }

    private static String escape(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
