package dev.teller.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium for the browser tests: started with the flags this closed network needs, each with
 * an empty profile, all quit by {@link #quitAll()}. Screenshots go to target/screenshots/.
 */
final class Chromium {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "screenshots");

    private final List<WebDriver> open = new ArrayList<>();

    /** Skips the test, saying how to fix it, where Chromium is not installed. */
    static void required() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(BINARY) && Files.isExecutable(DRIVER),
                "Debian's chromium and chromium-driver are not installed (apt-get install chromium chromium-driver);"
                        + " .ci/run installs them");
        Files.createDirectories(SHOTS);
    }

    ChromeDriver start(String windowSize) throws Exception {
        ChromeOptions o = new ChromeOptions();
        o.setBinary(BINARY.toString());
        o.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--force-device-scale-factor=1",
                "--hide-scrollbars",
                "--allow-file-access-from-files",
                "--window-size=" + windowSize,
                "--user-data-dir=" + Files.createTempDirectory("teller-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .build();
        ChromeDriver d = new ChromeDriver(service, o);
        open.add(d);
        return d;
    }

    void quitAll() {
        open.forEach(WebDriver::quit);
        open.clear();
    }

    static WebDriverWait wait(WebDriver d) {
        return new WebDriverWait(d, Duration.ofSeconds(20));
    }

    static byte[] shot(WebDriver d, String name) throws Exception {
        byte[] png = ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES);
        Files.write(SHOTS.resolve(name + ".png"), png);
        return png;
    }
}
