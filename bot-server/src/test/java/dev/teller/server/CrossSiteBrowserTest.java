package dev.teller.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * Another site's page, open in a real Chromium whose user is logged in to Teller, posts a staff action (taking a
 * complaint) to Teller: the browser sends what it holds by itself, a session cookie or cached HTTP Basic
 * credentials, and Teller must refuse it all the same. The other site is a page served from 127.0.0.1 (another
 * site than localhost, where Teller is opened). Each case has its control: the same browser, on Teller's own page,
 * does take a complaint with what it holds.
 */
class CrossSiteBrowserTest extends InChromium {

    static final String RUDE =
            "I want to make a complaint: the staff at the branch were rude to me yesterday and nobody helped";

    HttpServer otherSite;

    @BeforeEach
    void startOtherSite() throws Exception {
        for (String login : List.of(AGENT, AGENT2)) {
            assertThat(send("POST", "/api/v1/staff/me/presence", login, "{\"presence\":\"away\"}")
                            .statusCode())
                    .as("nobody is routed to, so that tickets stay unowned until taken")
                    .isEqualTo(200);
        }
        otherSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // The forged page: a form that posts itself to Teller as soon as it loads, as a phishing page would.
        otherSite.createContext("/forge", exchange -> {
            String target = exchange.getRequestURI().getQuery().replaceFirst("^target=", "");
            byte[] page = ("<!doctype html><html><body><form id=f method=post action=\"" + target + "\">"
                            + "<input name=x value=y></form><script>document.getElementById('f').submit()</script>"
                            + "</body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        otherSite.start();
    }

    @AfterEach
    void stopOtherSite() {
        otherSite.stop(0);
    }

    /** A new customer's ordinary complaint, filed to the general queue, unowned. */
    String file() throws Exception {
        JsonNode ticket = post(startChat(null), RUDE).stream()
                .filter(m -> m.path("meta").has("ticket"))
                .findFirst()
                .orElseThrow()
                .get("meta")
                .get("ticket");
        assertThat(ticket.get("queue").asString()).isEqualTo("general");
        return ticket.get("number").asString();
    }

    String owner(String number) throws Exception {
        JsonNode t = JSON.readTree(send("GET", "/api/v1/staff/complaints/" + number, SUPERVISOR, null)
                        .body())
                .get("ticket");
        return t.get("owner").isNull() ? null : t.get("owner").asString();
    }

    /** Opens the other site's page that posts "take this complaint" to Teller, and waits until it has. */
    void forgeClaim(WebDriver d, String number) {
        String target = "http://localhost:" + port + "/api/v1/staff/complaints/" + number + "/claim";
        d.get("http://127.0.0.1:" + otherSite.getAddress().getPort() + "/forge?target=" + target);
        new WebDriverWait(d, Duration.ofSeconds(20))
                .until(x -> x.getCurrentUrl().startsWith("http://localhost:" + port));
    }

    /** Takes a complaint from Teller's own page with fetch, sending what the browser holds; returns the status. */
    long claimFromOwnPage(WebDriver d, String number, boolean withCsrfToken) {
        d.get("http://localhost:" + port + "/");
        return (Long) ((JavascriptExecutor) d).executeAsyncScript("""
                        const [number, withToken, done] = arguments;
                        (async () => {
                          const headers = {};
                          if (withToken) {
                            const t = await (await fetch("/api/v1/staff/csrf", {credentials: "same-origin"})).json();
                            headers[t.headerName] = t.token;
                          }
                          const r = await fetch("/api/v1/staff/complaints/" + number + "/claim",
                              {method: "POST", credentials: "same-origin", headers});
                          done(r.status);
                        })().catch(e => done(-1));
                        """, number, withCsrfToken);
    }

    @Test
    void aLoggedInSessionIsNotBorrowed() throws Exception {
        String forged = file();
        String own = file();
        WebDriver d = chromium.start("1280,900");
        d.get("http://localhost:" + port + "/login");
        d.findElement(By.name("username")).sendKeys("agent");
        d.findElement(By.name("password")).sendKeys(DEMO_PASSWORD);
        d.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(d, Duration.ofSeconds(20))
                .until(x -> !x.getCurrentUrl().contains("/login"));

        forgeClaim(d, forged);
        Chromium.shot(d, "cross-site-session-refused");
        assertThat(owner(forged)).as("the other site's post took nothing").isNull();

        assertThat(claimFromOwnPage(d, own, true))
                .as("Teller's own page, with the session and its token")
                .isEqualTo(200);
        assertThat(owner(own)).isEqualTo("agent");
    }

    @Test
    void cachedBasicCredentialsAreNotBorrowed() throws Exception {
        String forged = file();
        String own = file();
        WebDriver d = chromium.start("1280,900");
        // The browser logs in with HTTP Basic once (as a user answering its login prompt would) and keeps the
        // credentials for the site; the next request carries them without asking.
        d.get("http://agent:" + DEMO_PASSWORD + "@localhost:" + port + "/api/v1/staff/me");
        assertThat(d.getPageSource()).contains("\"username\":\"agent\"");
        d.get("http://localhost:" + port + "/api/v1/staff/me");
        assertThat(d.getPageSource()).as("the credentials are cached").contains("\"username\":\"agent\"");

        forgeClaim(d, forged);
        Chromium.shot(d, "cross-site-basic-refused");
        assertThat(d.getPageSource()).as("refused for want of the CSRF token").contains("403");
        assertThat(owner(forged)).as("the other site's post took nothing").isNull();

        assertThat(claimFromOwnPage(d, own, false))
                .as("Teller's own page, with the cached credentials alone")
                .isEqualTo(200);
        assertThat(owner(own)).isEqualTo("agent");
    }
}
