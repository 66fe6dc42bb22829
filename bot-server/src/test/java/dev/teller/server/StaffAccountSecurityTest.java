package dev.teller.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Staff accounts on the real PostgreSQL over real HTTP, with a clock the test moves (no waiting): no demo account
 * even when asked for, the first admin from the settings; failed logins that slow an account down and then lock
 * it, refused without a password check, counted alike for names that are no account; the password rule; admins
 * disabling, enabling, unlocking and resetting; staff changing their own password; every change audited without
 * a password. In a database of this test's own, where only the first admin exists at start.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StaffAccountSecurityTest extends ServerTest {

    static String own;
    /** What the demo accounts would have as their password, were they made. */
    static final String PUBLIC_DEMO_PASSWORD = "public-demo-" + UUID.randomUUID();
    /** The first admin, from the settings, with {@link #DEMO_PASSWORD}. */
    static final String CHIEF = "staff:chief";

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MutableClock staffTestClock() {
            return new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        }
    }

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) throws Exception {
        own = OnPostgres.ownDatabase("teller_staff");
        OnPostgres.server(registry, own);
        // Asked for on PostgreSQL, as an operator might: never made there.
        registry.add("teller.staff.demo-accounts", () -> "true");
        registry.add("teller.staff.demo-password", () -> PUBLIC_DEMO_PASSWORD);
        registry.add("teller.staff.admin-username", () -> "Chief");
        registry.add("teller.staff.admin-password", () -> DEMO_PASSWORD);
    }

    @Autowired
    MutableClock clock;

    /** Every password the tests gave: none may reach the audit. */
    static final List<String> GIVEN = new ArrayList<>(List.of(DEMO_PASSWORD, PUBLIC_DEMO_PASSWORD));

    /** The password of each account {@link #account} made. */
    final Map<String, String> passwords = new java.util.HashMap<>();

    static String password() {
        String p = "pw-" + UUID.randomUUID();
        GIVEN.add(p);
        return p;
    }

    /** A new account of {@code role} made by the first admin; its password is in {@link #passwords}. */
    String account(String role) throws Exception {
        String name = "u" + UUID.randomUUID().toString().substring(0, 8);
        String password = password();
        HttpResponse<String> r = send(
                "POST",
                "/api/v1/admin/staff",
                CHIEF,
                JSON.writeValueAsString(Map.of("username", name, "role", role, "password", password)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        passwords.put(name, password);
        return name;
    }

    HttpResponse<String> me(String name, String password) throws Exception {
        return send("GET", "/api/v1/staff/me", "staff:" + name + ":" + password, null);
    }

    HttpResponse<String> wrong(String name) throws Exception {
        HttpResponse<String> r = me(name, "not-the-password-" + name);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        return r;
    }

    /** Ten wrong passwords, each after the wait the one before led to: the account is locked. */
    void failUntilLocked(String name) throws Exception {
        for (int i = 0; i < 10; i++) {
            wrong(name);
            clock.advance(Duration.ofSeconds(61));
        }
    }

    static String detail(HttpResponse<String> r) {
        return JSON.readTree(r.body()).get("detail").asString();
    }

    static List<List<String>> rows(String sql, String... params) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + own, "postgres", "");
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setString(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                List<List<String>> out = new ArrayList<>();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getString(i));
                    }
                    out.add(row);
                }
                return out;
            }
        }
    }

    /** The account's audit, oldest first: [action, actor, detail]; checked to hold no password given. */
    static List<List<String>> audit(String name) throws Exception {
        List<List<String>> a =
                rows("SELECT action, actor, detail FROM staff_audit WHERE username = ? ORDER BY id", name);
        for (List<String> row : a) {
            for (String p : GIVEN) {
                assertThat(String.valueOf(row)).doesNotContain(p);
            }
        }
        return a;
    }

    static List<String> actions(String name) throws Exception {
        return audit(name).stream().map(r -> r.get(0)).toList();
    }

    JsonNode listed(String name) throws Exception {
        HttpResponse<String> r = send("GET", "/api/v1/admin/staff", CHIEF, null);
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body())
                .valueStream()
                .filter(s -> s.get("username").asString().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void noDemoAccountOnPostgresEvenWhenAskedButTheFirstAdminFromTheSettings() throws Exception {
        assertThat(rows("SELECT username FROM staff WHERE username IN ('agent', 'agent2', 'supervisor', 'admin')"))
                .as("demo accounts asked for with TELLER_DEMO_ACCOUNTS=true")
                .isEmpty();
        for (String demo : List.of("agent", "agent2", "supervisor", "admin")) {
            assertThat(me(demo, PUBLIC_DEMO_PASSWORD).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> chief = send("GET", "/api/v1/staff/me", CHIEF, null);
        assertThat(chief.statusCode()).as(chief.body()).isEqualTo(200);
        assertThat(JSON.readTree(chief.body()).get("role").asString()).isEqualTo("ADMIN");
        assertThat(audit("chief").getFirst().subList(0, 2))
                .as("made at start-up from TELLER_ADMIN_USERNAME (in any case) and TELLER_ADMIN_PASSWORD")
                .containsExactly("create", "start-up");
    }

    @Test
    void failedLoginsSlowAnAccountDownThenLockItUntilAnAdminUnlocksIt() throws Exception {
        String name = account("agent");
        String right = passwords.get(name);
        for (int i = 1; i <= 4; i++) {
            assertThat(detail(wrong(name))).contains("staff login");
        }
        HttpResponse<String> fifth = wrong(name);
        assertThat(detail(fifth)).contains("5 failed logins in a row").contains("wait 1 s");
        assertThat(fifth.headers().firstValue("Retry-After")).hasValue("1");
        HttpResponse<String> refused = me(name, right);
        assertThat(refused.statusCode())
                .as("the right password during the wait is refused unchecked")
                .isEqualTo(401);
        assertThat(detail(refused)).contains("wait 1 s");
        assertThat(listed(name).get("failedLogins").asInt())
                .as("a refused try is not counted")
                .isEqualTo(5);
        long wait = 1;
        for (int n = 6; n <= 9; n++) {
            clock.advance(Duration.ofSeconds(wait));
            wait *= 2;
            assertThat(detail(wrong(name))).contains(n + " failed logins").contains("wait " + wait + " s");
        }
        clock.advance(Duration.ofSeconds(wait));
        HttpResponse<String> tenth = wrong(name);
        assertThat(detail(tenth)).contains("locked after 10 failed logins").contains("30 min");
        assertThat(tenth.headers().firstValue("Retry-After")).hasValue("1800");
        clock.advance(Duration.ofMinutes(29));
        HttpResponse<String> locked = me(name, right);
        assertThat(locked.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(locked.body()).get("title").asString()).isEqualTo("Account locked");
        assertThat(listed(name).get("locked").asBoolean()).isTrue();

        HttpResponse<String> unlocked = send("POST", "/api/v1/admin/staff/" + name + "/unlock", CHIEF, null);
        assertThat(unlocked.statusCode()).as(unlocked.body()).isEqualTo(200);
        assertThat(JSON.readTree(unlocked.body()).get("locked").asBoolean()).isFalse();
        assertThat(me(name, right).statusCode()).isEqualTo(200);

        List<List<String>> audit = audit(name);
        List<String> failures = audit.stream()
                .filter(r -> r.get(0).equals("login_failed"))
                .map(r -> r.get(2))
                .toList();
        assertThat(failures).hasSize(10);
        for (int n = 1; n <= 10; n++) {
            assertThat(failures.get(n - 1)).startsWith("failed login " + n + " in a row from ");
        }
        assertThat(audit).anySatisfy(r -> assertThat(r.subList(0, 2)).containsExactly("locked", "login"));
        assertThat(audit.getLast().subList(0, 2)).containsExactly("unlocked", "chief");
        assertThat(send("POST", "/api/v1/admin/staff/nobody-here/unlock", CHIEF, null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void aSuccessClearsTheCountAndALockRunsOutByItself() throws Exception {
        String name = account("agent");
        String right = passwords.get(name);
        for (int i = 0; i < 4; i++) {
            wrong(name);
        }
        assertThat(me(name, right).statusCode()).isEqualTo(200);
        assertThat(listed(name).get("failedLogins").asInt()).isZero();
        for (int i = 0; i < 4; i++) {
            assertThat(detail(wrong(name))).as("counted from 0 again").contains("staff login");
        }
        assertThat(me(name, right).statusCode()).isEqualTo(200);
        failUntilLocked(name);
        assertThat(me(name, right).statusCode()).as("locked").isEqualTo(401);
        clock.advance(Duration.ofMinutes(30));
        assertThat(me(name, right).statusCode()).as("30 minutes on").isEqualTo(200);
        assertThat(listed(name).get("failedLogins").asInt()).isZero();
    }

    @Test
    void namesThatAreNoAccountAreAnsweredAlikeAndFillNoTable() throws Exception {
        String known = account("agent");
        String unknown = "nobody" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 1; i <= 6; i++) {
            HttpResponse<String> k = me(known, "guess-" + i + "-of-many");
            HttpResponse<String> u = me(unknown, "guess-" + i + "-of-many");
            assertThat(u.statusCode()).isEqualTo(k.statusCode()).isEqualTo(401);
            assertThat(u.body().replace(unknown, "?")).isEqualTo(k.body().replace(known, "?"));
            assertThat(u.headers().firstValue("Retry-After"))
                    .isEqualTo(k.headers().firstValue("Retry-After"));
        }
        assertThat(detail(me(unknown, "guess-7-of-many"))).contains("wait 1 s");
        assertThat(rows("SELECT username FROM staff WHERE username = ?", unknown))
                .isEmpty();
        assertThat(rows("SELECT action FROM staff_audit WHERE username = ?", unknown))
                .isEmpty();
        assertThat(actions(known))
                .containsExactly(
                        "create", "login_failed", "login_failed", "login_failed", "login_failed", "login_failed");
    }

    /** Logs in through the form at /login; the page the browser is sent to next. */
    HttpResponse<String> formLoginPage(HttpClient browser, String username, String password) throws Exception {
        HttpResponse<String> r = formLogin(browser, username, password);
        assertThat(r.statusCode()).isEqualTo(302);
        return browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port)
                                .resolve(r.headers().firstValue("Location").orElseThrow()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> withSession(HttpClient browser, String path) throws Exception {
        return browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theLoginPageSaysWhyAnAccountIsRefused() throws Exception {
        String name = account("agent");
        for (int i = 0; i < 5; i++) {
            wrong(name);
        }
        HttpResponse<String> page = formLoginPage(cookieClient(), name, passwords.get(name));
        assertThat(page.uri().getQuery()).isEqualTo("error");
        assertThat(page.body())
                .contains("5 failed logins in a row for this account: wait 1 s before the next try")
                .as("a person reads it, not an API client")
                .doesNotContain("Retry-After");
        clock.advance(Duration.ofSeconds(1));
        HttpClient browser = cookieClient();
        assertThat(formLoginPage(browser, name, passwords.get(name)).uri().getQuery())
                .isNull();
        assertThat(withSession(browser, "/api/v1/staff/me").statusCode()).isEqualTo(200);
    }

    @Test
    void passwordsAreCheckedWithAClearAnswerForEachProblem() throws Exception {
        String name = "rule" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> cases = Map.of(
                " ".repeat(12),
                "only spaces",
                "x" + "猫".repeat(24),
                "73 bytes",
                "password1234",
                "most common passwords",
                name,
                "is the username",
                "Xq7#pL2$vN9",
                "11 characters",
                "Xq7#pL2$vN9".repeat(6),
                "66 characters",
                "aaaaaaaaaaaaaaaa",
                "too easy to guess");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> r = send(
                    "POST",
                    "/api/v1/admin/staff",
                    CHIEF,
                    JSON.writeValueAsString(Map.of("username", name, "role", "agent", "password", c.getKey())));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
            JsonNode p = JSON.readTree(r.body());
            assertThat(p.get("title").asString()).isEqualTo("Password not accepted");
            assertThat(p.get("detail").asString()).as(c.getKey()).contains(c.getValue());
        }
        String good = "Otter lantern " + UUID.randomUUID().toString().substring(0, 6);
        GIVEN.add(good);
        HttpResponse<String> made = send(
                "POST",
                "/api/v1/admin/staff",
                CHIEF,
                JSON.writeValueAsString(Map.of("username", name, "role", "agent", "password", good)));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        assertThat(me(name, good).statusCode()).isEqualTo(200);
        assertThat(me(name, "x" + "猫".repeat(40)).statusCode())
                .as("a login with more than bcrypt's 72 bytes is a wrong password, not a 500")
                .isEqualTo(401);
    }

    @Test
    void adminsDisableAndEnableAccountsAndADisabledAccountsSessionEnds() throws Exception {
        String name = account("agent");
        String right = passwords.get(name);
        HttpClient browser = cookieClient();
        assertThat(formLoginPage(browser, name, right).uri().getQuery()).isNull();
        assertThat(withSession(browser, "/api/v1/staff/me").statusCode()).isEqualTo(200);

        HttpResponse<String> disabled = send("POST", "/api/v1/admin/staff/" + name + "/disable", CHIEF, null);
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        assertThat(JSON.readTree(disabled.body()).get("enabled").asBoolean()).isFalse();
        assertThat(listed(name).get("enabled").asBoolean()).isFalse();
        HttpResponse<String> session = withSession(browser, "/api/v1/staff/me");
        assertThat(session.statusCode()).as("the open session ends").isEqualTo(401);
        assertThat(detail(session)).contains("session has ended");
        HttpResponse<String> refused = me(name, right);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(detail(refused)).contains("disabled");
        assertThat(detail(wrong(name)))
                .as("a wrong password does not learn that the account is disabled")
                .contains("staff login");

        HttpResponse<String> self = send("POST", "/api/v1/admin/staff/chief/disable", CHIEF, null);
        assertThat(self.statusCode()).isEqualTo(409);
        assertThat(detail(self)).contains("your own account");
        assertThat(send("POST", "/api/v1/admin/staff/nobody-here/disable", CHIEF, null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(send("POST", "/api/v1/admin/staff/" + name + "/disable", "staff:" + name + ":" + right, null)
                        .statusCode())
                .isEqualTo(401);

        assertThat(send("POST", "/api/v1/admin/staff/" + name + "/enable", CHIEF, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(me(name, right).statusCode()).isEqualTo(200);
        assertThat(audit(name))
                .filteredOn(r -> !r.get(0).equals("login_failed"))
                .extracting(r -> r.get(0) + " by " + r.get(1))
                .containsExactly("create by chief", "disabled by chief", "enabled by chief");
    }

    @Test
    void adminsResetAPasswordWhichAlsoLiftsALock() throws Exception {
        String name = account("supervisor");
        String old = passwords.get(name);
        failUntilLocked(name);
        String path = "/api/v1/admin/staff/" + name + "/password";
        HttpResponse<String> weak = send("POST", path, CHIEF, "{\"password\":\"password1234\"}");
        assertThat(weak.statusCode()).isEqualTo(400);
        String fresh = password();
        HttpResponse<String> reset = send("POST", path, CHIEF, JSON.writeValueAsString(Map.of("password", fresh)));
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        assertThat(me(name, old).statusCode()).isEqualTo(401);
        assertThat(me(name, fresh).statusCode()).isEqualTo(200);
        assertThat(actions(name)).contains("locked").endsWith("password_reset", "login_failed");
        assertThat(audit(name)).anySatisfy(r -> assertThat(r.subList(0, 2)).containsExactly("password_reset", "chief"));
        assertThat(send(
                                "POST",
                                "/api/v1/admin/staff/nobody-here/password",
                                CHIEF,
                                JSON.writeValueAsString(Map.of("password", fresh)))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void staffChangeTheirOwnPasswordAndAWrongCurrentOneCounts() throws Exception {
        String name = account("agent");
        String old = passwords.get(name);
        String as = "staff:" + name + ":" + old;
        String fresh = password();
        HttpResponse<String> wrongCurrent = send(
                "POST",
                "/api/v1/staff/me/password",
                as,
                JSON.writeValueAsString(Map.of("currentPassword", "not-it-at-all", "newPassword", fresh)));
        assertThat(wrongCurrent.statusCode()).as(wrongCurrent.body()).isEqualTo(403);
        assertThat(detail(wrongCurrent)).contains("currentPassword is not your current password");
        assertThat(rows("SELECT failed_logins FROM staff WHERE username = ?", name))
                .containsExactly(List.of("1"));
        HttpResponse<String> weak = send(
                "POST",
                "/api/v1/staff/me/password",
                as,
                JSON.writeValueAsString(Map.of("currentPassword", old, "newPassword", "            ")));
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(detail(weak)).contains("only spaces");
        HttpResponse<String> same = send(
                "POST",
                "/api/v1/staff/me/password",
                as,
                JSON.writeValueAsString(Map.of("currentPassword", old, "newPassword", old)));
        assertThat(same.statusCode()).isEqualTo(400);
        HttpResponse<String> changed = send(
                "POST",
                "/api/v1/staff/me/password",
                as,
                JSON.writeValueAsString(Map.of("currentPassword", old, "newPassword", fresh)));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
        assertThat(me(name, old).statusCode()).isEqualTo(401);
        assertThat(me(name, fresh).statusCode()).isEqualTo(200);
        assertThat(audit(name)).anySatisfy(r -> assertThat(r.subList(0, 2)).containsExactly("password_changed", name));
    }
}
