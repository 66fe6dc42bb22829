package dev.teller.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;

/**
 * The customer widget in a real headless Chromium on the demo bank page at /, against the running server: FAQs in
 * English and Chinese, a complaint's ticket card, an agent's reply, a network cut with a message typed offline
 * (every message once, in order, also after a reload), the widget unchanged on a page with hostile CSS, an
 * axe-core scan, and the bundle's size and the launcher's paint time, reported in target/widget-report.txt.
 */
class WidgetBrowserTest extends InChromium {

    static final Path WIDGET = Path.of("..", "web-widget", "dist", "widget.js");
    static final Path AXE = Path.of("..", "web-widget", "node_modules", "axe-core", "axe.min.js");
    static final Path REPORT = Path.of("target", "widget-report.txt");

    static SearchContext widget(ChromeDriver d) {
        return d.findElement(By.cssSelector("teller-widget")).getShadowRoot();
    }

    static Object js(ChromeDriver d, String script, Object... args) {
        return ((JavascriptExecutor) d).executeScript(script, args);
    }

    /** Types into the widget's box and presses Enter, as a customer does. */
    static void say(ChromeDriver d, String text) {
        WebElement box = widget(d).findElement(By.cssSelector(".compose textarea"));
        box.sendKeys(text);
        box.sendKeys(Keys.ENTER);
    }

    /** The widget's connection state: connecting, online, offline or reconnecting. */
    static Object state(ChromeDriver d) {
        return js(d, "return document.querySelector('teller-widget').shadowRoot.querySelector('.root').dataset.state");
    }

    static void waitOnline(ChromeDriver d) {
        Chromium.wait(d).until(x -> "online".equals(state(d)));
    }

    static List<WebElement> bubbles(ChromeDriver d, String css) {
        return widget(d).findElements(By.cssSelector(css));
    }

    /** The seqs shown, in page order. */
    static List<Long> shownSeqs(ChromeDriver d) {
        List<Long> seqs = new ArrayList<>();
        for (WebElement e : bubbles(d, ".msg[data-seq]")) {
            seqs.add(Long.parseLong(e.getDomAttribute("data-seq")));
        }
        return seqs;
    }

    static String conversationId(ChromeDriver d) {
        String saved = (String) js(d, "return sessionStorage.getItem('teller:' + location.origin)");
        return JSON.readTree(saved).get("conversationId").asString();
    }

    List<Long> storedSeqs(String conversationId) throws Exception {
        List<Long> seqs = new ArrayList<>();
        try (var c = database();
                var st = c.prepareStatement("SELECT seq FROM message WHERE conversation_id = ?::uuid ORDER BY seq")) {
            st.setString(1, conversationId);
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    seqs.add(rs.getLong(1));
                }
            }
        }
        return seqs;
    }

    long stored(String conversationId, String text) throws Exception {
        try (var c = database();
                var st = c.prepareStatement(
                        "SELECT count(*) FROM message WHERE conversation_id = ?::uuid AND text = ?")) {
            st.setString(1, conversationId);
            st.setString(2, text);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static void offline(ChromeDriver d, boolean off) {
        ChromiumNetworkConditions n = new ChromiumNetworkConditions();
        n.setOffline(off);
        d.setNetworkConditions(n);
    }

    @Test
    void aCustomerAsksComplainsHearsFromAnAgentAndLosesNothingOffline() throws Exception {
        ChromeDriver d = chromium.start("1280,900");
        d.get("http://localhost:" + port + "/");
        WebElement launcher = Chromium.wait(d).until(x -> widget(d).findElement(By.cssSelector("button.launcher")));
        Chromium.wait(d).until(x -> js(d, "return window.__tellerLauncherMs") != null);
        double paintMs = ((Number) js(d, "return window.__tellerLauncherMs")).doubleValue();
        Object sinceLoad = js(
                d,
                "const r = performance.getEntriesByType('resource').find(e => e.name.endsWith('/widget.js'));"
                        + " const p = performance.getEntriesByName('teller:launcher-painted')[0];"
                        + " return r && p ? p.startTime - r.responseEnd : null;");

        // By keyboard: Enter on the launcher opens the chat with the cursor in the box.
        launcher.sendKeys(Keys.ENTER);
        Chromium.wait(d)
                .until(x -> "TEXTAREA"
                        .equals(js(
                                d,
                                "return document.querySelector('teller-widget').shadowRoot.activeElement?.tagName")));
        waitOnline(d);

        say(d, "how do I change my PIN");
        Chromium.wait(d).until(x -> bubbles(d, ".msg.bot .article-title").size() >= 1);
        WebElement answer = bubbles(d, ".msg.bot .article").get(0);
        assertThat(answer.getDomAttribute("data-article")).startsWith("en-");
        assertThat(bubbles(d, ".msg.bot .article-title").get(0).getText()).containsIgnoringCase("PIN");
        bubbles(d, ".msg.bot .more").get(0).click();
        Chromium.wait(d)
                .until(x -> !bubbles(d, ".article-body li, .article-body p").isEmpty());

        say(d, "我的卡还没收到");
        Chromium.wait(d)
                .until(x -> bubbles(d, ".msg.bot .article").stream()
                        .anyMatch(a -> a.getDomAttribute("data-article").startsWith("zh-")));
        assertThat(bubbles(d, ".msg.bot .article-title").getLast().getText()).containsPattern("\\p{IsHan}");

        say(d, "Someone used my card without my permission");
        WebElement card = Chromium.wait(d)
                .until(x -> bubbles(d, ".card.ticket").stream().findFirst().orElse(null));
        String number = card.getDomAttribute("data-ticket");
        assertThat(number).matches("C-\\d{4}-\\d{6}");
        assertThat(card.getText()).contains(number).contains("Major");

        String path = "/api/v1/staff/complaints/" + number;
        assertThat(send("POST", path + "/claim", AGENT2, null).statusCode()).isEqualTo(200);
        assertThat(send(
                                "POST",
                                path + "/reply",
                                AGENT2,
                                "{\"text\":\"Ben here from the risk team: your card is frozen.\"}")
                        .statusCode())
                .isEqualTo(200);
        Chromium.wait(d)
                .until(x -> bubbles(d, ".msg.agent").stream()
                        .anyMatch(b -> b.getText().contains("your card is frozen")));
        Chromium.shot(d, "widget-conversation");

        // The network goes: a message typed now waits in the widget and is not on the server.
        String id = conversationId(d);
        offline(d, true);
        Chromium.wait(d).until(x -> !"online".equals(state(d)));
        String offlineText = "Typed while offline: did the refund start?";
        say(d, offlineText);
        Chromium.wait(d)
                .until(x -> !bubbles(d, ".msg.customer[data-state='queued']").isEmpty());
        assertThat(send("POST", path + "/reply", AGENT2, "{\"text\":\"A second note from Ben while you were away.\"}")
                        .statusCode())
                .isEqualTo(200);
        await("not sent while offline")
                .during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> stored(id, offlineText) == 0);
        assertThat(stored(id, offlineText)).as("not sent while offline").isZero();
        Chromium.shot(d, "widget-offline");

        // Back online: the queued message goes once, the agent's note arrives once, all in order.
        offline(d, false);
        Chromium.wait(d)
                .until(x -> bubbles(d, ".msg.customer[data-state]").isEmpty()
                        && bubbles(d, ".msg.agent").size() == 2);
        Chromium.wait(d).until(x -> {
            try {
                return shownSeqs(d).equals(storedSeqs(id));
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(stored(id, offlineText)).isEqualTo(1);
        List<Long> seqs = shownSeqs(d);
        assertThat(seqs).doesNotHaveDuplicates().isSorted();
        assertThat(bubbles(d, ".msg.customer .bubble").stream()
                        .filter(b -> b.getText().equals(offlineText))
                        .count())
                .isEqualTo(1);

        // A reload keeps the conversation, still once each.
        d.navigate().refresh();
        Chromium.wait(d).until(x -> shownSeqs(d).equals(seqs));
        waitOnline(d);
        say(d, "thanks");
        Chromium.wait(d).until(x -> {
            try {
                List<Long> now = shownSeqs(d);
                return now.size() > seqs.size() && now.equals(storedSeqs(id));
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(shownSeqs(d)).doesNotHaveDuplicates().isSorted();

        // Too long: refused in the widget with what to do, and the text stays in the box.
        String essay = "x".repeat(2001);
        js(
                d,
                "const t = document.querySelector('teller-widget').shadowRoot.querySelector('.compose textarea');"
                        + " t.value = arguments[0]; t.dispatchEvent(new Event('input'));",
                essay);
        widget(d).findElement(By.cssSelector(".compose textarea")).sendKeys(Keys.ENTER);
        assertThat(widget(d).findElement(By.cssSelector(".error")).getText()).contains("2,000");
        assertThat(widget(d).findElement(By.cssSelector(".compose textarea")).getDomProperty("value"))
                .isEqualTo(essay);
        js(d, "document.querySelector('teller-widget').shadowRoot.querySelector('.compose textarea').value = ''");

        // The switch to Chinese, kept across a reload.
        widget(d).findElement(By.cssSelector(".lang-toggle")).click();
        Chromium.wait(d)
                .until(x -> widget(d)
                        .findElement(By.cssSelector(".compose .send"))
                        .getText()
                        .equals("发送"));
        d.navigate().refresh();
        Chromium.wait(d)
                .until(x -> widget(d)
                        .findElement(By.cssSelector(".compose .send"))
                        .getText()
                        .equals("发送"));
        assertThat(shownSeqs(d)).doesNotHaveDuplicates().isSorted();
        Chromium.shot(d, "widget-zh");

        // axe-core finds nothing serious, in the normal and the large-text mode.
        assertThat(axe(d)).as("serious or critical accessibility violations").isEmpty();
        widget(d).findElement(By.cssSelector(".large-toggle")).click();
        assertThat(axe(d)).as("in large-text mode").isEmpty();
        Chromium.shot(d, "widget-large-text");

        long gzipped = gzippedSize(WIDGET);
        String report = String.format(
                java.util.Locale.ROOT,
                "widget.js: %d bytes, %.1f kB gzipped (limit 60 kB)%nlauncher painted %.0f ms after the script started"
                        + "%s (headless Chromium, this machine)%n",
                Files.size(WIDGET),
                gzipped / 1024.0,
                paintMs,
                sinceLoad == null
                        ? ""
                        : String.format(
                                java.util.Locale.ROOT,
                                ", %.0f ms after it loaded",
                                ((Number) sinceLoad).doubleValue()));
        Files.writeString(REPORT, report);
        System.out.print(report);
        assertThat(gzipped).as("the bundle's gzipped size").isLessThanOrEqualTo(60 * 1024);
    }

    /** The serious and critical violations axe-core finds on the page, widget and all, as "rule: target" lines. */
    @SuppressWarnings("unchecked")
    static List<String> axe(ChromeDriver d) throws Exception {
        js(d, Files.readString(AXE));
        Object result = ((JavascriptExecutor) d)
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + " axe.run(document, { resultTypes: ['violations'] })"
                        + ".then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                        + ".map(v => v.id + ': ' + v.nodes.map(n => JSON.stringify(n.target)).join(', '))))"
                        + ".catch(e => done(['axe failed: ' + e]));");
        return (List<String>) result;
    }

    /** Waits for the page's fonts and two frames, so that a screenshot shows what is finally drawn. */
    static void settled(ChromeDriver d) {
        ((JavascriptExecutor) d)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + " document.fonts.ready.then(() => requestAnimationFrame(() => requestAnimationFrame(() => done(true))));");
    }

    static long gzippedSize(Path file) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(Files.readAllBytes(file));
        }
        return out.size();
    }

    @Test
    void aPageWithHostileCssLeavesTheWidgetAsItIs() throws Exception {
        Path dir = Files.createTempDirectory("teller-hostile");
        String tag = "<script src=\"http://localhost:" + port + "/widget.js\" data-teller-server=\"http://localhost:"
                + port + "\" data-teller-language=\"en\" data-teller-title=\"Plain Bank\" async></script>";
        Path plain = dir.resolve("plain.html");
        Files.writeString(
                plain,
                "<!doctype html><html><head><meta charset=utf-8></head><body><p>A plain page.</p>" + tag
                        + "</body></html>");
        // The hostile rules come from a stylesheet (a <style> element under "all: unset" would print its text
        // across the page, and what shows through the launcher's round corners would differ for that reason).
        Files.writeString(
                dir.resolve("hostile.css"),
                "* { all: unset !important; } html { font-size: 64px !important; }"
                        + " body { font: italic 72px/4 cursive !important; color: red !important; letter-spacing: 9px !important; }"
                        + " div, button, section, textarea, span, p { border: 6px dashed lime !important; padding: 40px !important;"
                        + " margin: 30px !important; background: yellow !important; }"
                        + " teller-widget { font-size: 80px; color: blue; line-height: 5; }");
        Path hostile = dir.resolve("hostile.html");
        Files.writeString(
                hostile,
                "<!doctype html><html><head><meta charset=utf-8><link rel=stylesheet href=hostile.css></head>"
                        + "<body><p>Hostile.</p>" + tag + "</body></html>");
        Map<String, byte[]> shots = new java.util.LinkedHashMap<>();
        for (Path page : List.of(plain, hostile)) {
            ChromeDriver d = chromium.start("1000,800");
            d.get(page.toUri().toString());
            WebElement host = Chromium.wait(d).until(x -> x.findElement(By.cssSelector("teller-widget")));
            Chromium.wait(d)
                    .until(x -> !widget(d)
                            .findElements(By.cssSelector("button.launcher"))
                            .isEmpty());
            settled(d);
            byte[] closed = host.getScreenshotAs(OutputType.BYTES);
            widget(d).findElement(By.cssSelector("button.launcher")).click();
            waitOnline(d);
            js(d, "document.querySelector('teller-widget').shadowRoot.activeElement?.blur()");
            settled(d);
            byte[] opened = host.getScreenshotAs(OutputType.BYTES);
            String name = page.getFileName().toString().replace(".html", "");
            Files.write(Chromium.SHOTS.resolve("widget-" + name + "-closed.png"), closed);
            Files.write(Chromium.SHOTS.resolve("widget-" + name + "-open.png"), opened);
            Chromium.shot(d, "widget-" + name + "-page");
            shots.put(name + "-closed", closed);
            shots.put(name + "-open", opened);
            chromium.quitAll();
        }
        for (String state : List.of("closed", "open")) {
            BufferedImage a = ImageIO.read(new ByteArrayInputStream(shots.get("plain-" + state)));
            BufferedImage b = ImageIO.read(new ByteArrayInputStream(shots.get("hostile-" + state)));
            assertThat(b.getWidth()).as(state + " width").isEqualTo(a.getWidth());
            assertThat(b.getHeight()).as(state + " height").isEqualTo(a.getHeight());
            long differ = 0;
            for (int y = 0; y < a.getHeight(); y++) {
                for (int x = 0; x < a.getWidth(); x++) {
                    if (a.getRGB(x, y) != b.getRGB(x, y)) {
                        differ++;
                    }
                }
            }
            assertThat(differ).as(state + ": pixels that differ").isZero();
        }
    }
}
