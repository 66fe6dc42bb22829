package dev.teller.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teller.server.sla.SlaClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The staff pages in a real headless Chromium (Debian's chromium and chromium-driver) against the running server:
 * an agent of the risk team logs in, sees a new complaint appear without reloading, claims it (Claim is offered no
 * more), is told why a refused action was refused, replies, and the customer's WebSocket receives the reply; a
 * supervisor sees the breach counter change after a breach; customer text with script and image tags shows as text
 * in both pages. Screenshots go to target/screenshots/.
 */
@TestPropertySource(properties = "teller.sla.poll-interval=PT0S")
class StaffPagesBrowserTest extends InChromium {

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MutableClock browserTestClock() {
            return new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        }
    }

    @Autowired
    MutableClock clock;

    @Autowired
    SlaClock sla;

    WebDriver browser() throws Exception {
        return chromium.start("1400,1000");
    }

    void logIn(WebDriver d, String page, String user) {
        d.get("http://localhost:" + port + page);
        wait(d).until(x -> x.getCurrentUrl().contains("/login"));
        d.findElement(By.name("username")).sendKeys(user);
        d.findElement(By.name("password")).sendKeys(DEMO_PASSWORD);
        d.findElement(By.cssSelector("button[type=submit]")).click();
        wait(d).until(x -> x.getCurrentUrl().contains(page)); // Spring Security may add "?continue"
        wait(d).until(x -> x.findElement(By.id("feed")).getText().equals("live"));
    }

    static WebDriverWait wait(WebDriver d) {
        return Chromium.wait(d);
    }

    static void shot(WebDriver d, String name) throws Exception {
        Chromium.shot(d, name);
    }

    static final String HOSTILE = "Someone used my card without my permission <script>window.__pwned=1</script>"
            + " <img src=x onerror=\"window.__pwned=2\"> quokka-5521";

    @Test
    void anAgentSeesClaimsAndAnswersALiveComplaintAndASupervisorSeesTheBreach() throws Exception {
        WebDriver agent = browser();
        agent.get("http://localhost:" + port + "/console/");
        assertThat(agent.getCurrentUrl())
                .as("a logged-out browser is sent to the login page")
                .contains("/login");
        logIn(agent, "/console/", "agent2"); // the risk team: the complaint below is fund safety

        WebDriver supervisor = browser();
        logIn(supervisor, "/dashboard/", "supervisor");
        wait(supervisor).until(x -> !x.findElement(By.id("breaches")).getText().equals("–"));
        long breachesBefore =
                Long.parseLong(supervisor.findElement(By.id("breaches")).getText());

        ChatSocket customer = new ChatSocket("http://localhost:" + port).hello();
        customer.message(HOSTILE, "b1");
        String number = customer.next(f -> f.path("meta").has("ticket"))
                .get("meta")
                .get("ticket")
                .get("number")
                .asString();

        // The new complaint appears in the console without a reload.
        By row = By.cssSelector("tr[data-number='" + number + "']");
        wait(agent).until(x -> !x.findElements(row).isEmpty());
        agent.findElement(row).click();
        wait(agent).until(x -> x.findElement(By.id("transcript")).getText().contains("quokka-5521"));
        String transcript = agent.findElement(By.id("transcript")).getText();
        assertThat(transcript).contains("<script>window.__pwned=1</script>").contains("<img src=x onerror=");
        assertThat(agent.findElements(By.cssSelector("#transcript img, #transcript script")))
                .isEmpty();
        assertThat(((JavascriptExecutor) agent).executeScript("return window.__pwned === undefined"))
                .isEqualTo(true);
        assertThat(agent.findElement(By.id("reasons")).getText()).contains("fund safety");
        // The handoff brief (by rules here: no language model is configured), with the customer's words as text.
        wait(agent).until(x -> x.findElement(By.id("brief-summary")).getText().contains("quokka-5521"));
        assertThat(agent.findElement(By.id("brief-reply")).getText()).contains(number);

        wait(agent)
                .until(x -> !x.findElements(By.cssSelector("#suggestions li")).isEmpty());
        // What the bot understood in each customer message, and the sentiment line across them.
        wait(agent)
                .until(x -> !x.findElements(By.cssSelector("#transcript .bubble.customer .understood"))
                        .isEmpty());
        assertThat(agent.findElement(By.cssSelector("#transcript .bubble.customer .understood"))
                        .getText())
                .startsWith("intent ")
                .contains("sentiment");
        // The sentiment line is drawn (an ECharts SVG) with one point per customer message, named by its seq in the
        // chart's description (its aria-label, which ECharts writes from the chart's data).
        wait(agent)
                .until(x ->
                        !x.findElements(By.cssSelector("#sentiment-chart svg")).isEmpty());
        List<String> customerSeqs = agent.findElements(By.cssSelector("#transcript .bubble.customer")).stream()
                .map(b -> b.getDomAttribute("data-seq"))
                .toList();
        assertThat(customerSeqs).isNotEmpty();
        String sentiment = agent.findElement(By.id("sentiment-chart")).getDomAttribute("aria-label");
        assertThat(sentiment.split("the data for #", -1)).hasSize(customerSeqs.size() + 1);
        for (String seq : customerSeqs) {
            assertThat(sentiment).containsPattern("the data for #" + seq + " is -?\\d");
        }
        assertThat(agent.findElements(By.cssSelector("#suggestions li.clause")))
                .as("policy clauses beside the articles")
                .isNotEmpty();
        // Canned answers from the knowledge base, filtered, pasted into the reply box.
        wait(agent).until(x -> x.findElements(By.cssSelector("#canned option")).size() > 50);
        agent.findElement(By.id("canned-q")).sendKeys("my card has not arrived");
        wait(agent).until(x -> x.findElements(By.cssSelector("#canned option")).size() <= 10);
        String cannedTitle = agent.findElement(By.cssSelector("#canned option")).getText();
        agent.findElement(By.id("use-canned")).click();
        assertThat(agent.findElement(By.id("reply")).getDomProperty("value")).isNotBlank();
        assertThat(cannedTitle).isNotBlank();
        agent.findElement(By.id("reply")).clear();
        agent.findElement(By.id("note")).sendKeys("Card frozen by phone; <b>bold</b> stays text");
        agent.findElement(By.id("add-note")).click();
        wait(agent).until(x -> x.findElement(By.id("notes")).getText().contains("<b>bold</b> stays text"));
        agent.findElement(By.id("claim")).click();
        wait(agent).until(x -> x.findElement(By.id("ticket-owner")).getText().contains("Owner: agent2"));
        wait(agent).until(x -> !x.findElement(By.id("claim")).isDisplayed());
        // A refused action shows the API's reason: even its owner does not move fund safety out of risk.
        new Select(agent.findElement(By.id("transfer-to"))).selectByVisibleText("general");
        agent.findElement(By.id("transfer")).click();
        wait(agent)
                .until(x -> x.findElement(By.id("action-error"))
                        .getText()
                        .contains("only a supervisor or an admin may move it out of the risk queue"));
        agent.findElement(By.id("reply")).sendKeys("This is Ben from the risk team: your card is frozen now.");
        agent.findElement(By.id("send")).click();
        JsonNode reply = customer.next(f -> f.path("from").asString().equals("agent"));
        assertThat(reply.get("text").asString()).contains("your card is frozen now");
        wait(agent).until(x -> x.findElement(By.id("transcript")).getText().contains("your card is frozen now"));
        shot(agent, "agent-console");
        // The console speaks Chinese too.
        agent.findElement(By.id("lang")).click();
        wait(agent).until(x -> x.findElement(By.tagName("h1")).getText().contains("坐席工作台"));
        wait(agent).until(x -> "认领".equals(x.findElement(By.id("claim")).getDomProperty("textContent")));
        shot(agent, "agent-console-zh");

        // Nobody else answers in time: past the 2-minute first response... the agent did answer, so the breach is
        // the resolution one, six hours on.
        clock.advance(Duration.ofHours(7));
        assertThat(sla.fireDue()).isPositive();
        eventsHandled(); // breaches are marked on their tickets after the timers' firing commits
        long expected;
        try (var c = database();
                var rs = c.createStatement()
                        .executeQuery(
                                "SELECT count(*) FILTER (WHERE first_response_breached) + count(*) FILTER (WHERE resolution_breached) FROM ticket")) {
            rs.next();
            expected = rs.getLong(1);
        }
        assertThat(expected).isGreaterThan(breachesBefore);
        wait(supervisor)
                .until(x -> Long.parseLong(x.findElement(By.id("breaches")).getText()) == expected);
        long shown = Long.parseLong(supervisor.findElement(By.id("breaches")).getText());
        try (var c = database();
                var rs = c.createStatement()
                        .executeQuery(
                                "SELECT count(*) FILTER (WHERE first_response_breached) + count(*) FILTER (WHERE resolution_breached) FROM ticket")) {
            rs.next();
            assertThat(shown).as("the counter is the database's count").isEqualTo(rs.getLong(1));
        }
        // Frames come for each warning and the breach; the list settles once the last refresh has run.
        wait(supervisor)
                .until(x -> x.findElement(By.id("breach-list")).getText().contains(number));
        // The per-tier daily chart shows the major ticket's missed resolution deadline: drawn (an ECharts SVG), and in
        // its description (its aria-label, which ECharts writes from the chart's data) a day with a deadline missed.
        Pattern missedOnADay = Pattern.compile(
                "representing missed\\.The data is as follows: [^.]*the data for \\d{4}-\\d\\d-\\d\\d is [1-9]");
        wait(supervisor).until(x -> {
            List<WebElement> major = x.findElements(By.cssSelector("#sla-daily-chart .sla-daily.major"));
            return !major.isEmpty()
                    && !major.getFirst().findElements(By.tagName("svg")).isEmpty()
                    && missedOnADay
                            .matcher(String.valueOf(major.getFirst().getDomAttribute("aria-label")))
                            .find();
        });

        // The transcript search shows the hostile text as text too.
        supervisor.findElement(By.id("q")).sendKeys("quokka-5521");
        supervisor.findElement(By.cssSelector("#search button")).click();
        wait(supervisor).until(x -> x.findElement(By.id("results")).getText().contains("quokka-5521"));
        assertThat(supervisor.findElement(By.id("results")).getText()).contains("<img src=x onerror=");
        assertThat(supervisor.findElements(By.cssSelector("#results img, #results script")))
                .isEmpty();
        assertThat(((JavascriptExecutor) supervisor).executeScript("return window.__pwned === undefined"))
                .isEqualTo(true);
        shot(supervisor, "supervisor-dashboard");
        customer.close();
    }
}
