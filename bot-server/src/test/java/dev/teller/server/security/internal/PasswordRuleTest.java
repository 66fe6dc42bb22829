package dev.teller.server.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The password rule's answers, and the waits and lock that failed logins lead to, without a server. */
class PasswordRuleTest {

    @Test
    void eachProblemHasItsOwnAnswer() {
        assertThat(PasswordRule.problem("ada", null))
                .hasValueSatisfying(p -> assertThat(p).contains("A password is needed"));
        assertThat(PasswordRule.problem("ada", " ".repeat(12)))
                .hasValueSatisfying(p -> assertThat(p).contains("only spaces"));
        assertThat(PasswordRule.problem("ada", "\t \u3000".repeat(5)))
                .hasValueSatisfying(p -> assertThat(p).contains("only spaces"));
        assertThat(PasswordRule.problem("ada", "Xq7#pL2$vN9"))
                .hasValueSatisfying(p -> assertThat(p).contains("11 characters").contains("12 to 64"));
        assertThat(PasswordRule.problem("ada", "k".repeat(65)))
                .hasValueSatisfying(p -> assertThat(p).contains("65 characters"));
        String bytes73 = "x" + "猫".repeat(24);
        assertThat(PasswordRule.problem("ada", bytes73))
                .hasValueSatisfying(p -> assertThat(p).contains("73 bytes").contains("72"));
        assertThat(PasswordRule.problem("ada.lovelace", " Ada.Lovelace "))
                .hasValueSatisfying(p -> assertThat(p).contains("is the username"));
        assertThat(PasswordRule.problem("ada", "password1234"))
                .hasValueSatisfying(p -> assertThat(p).contains("most common passwords"));
        assertThat(PasswordRule.problem("ada", "qwertyuiopas"))
                .hasValueSatisfying(p -> assertThat(p).contains("too easy to guess"));
        assertThat(PasswordRule.problem("ada", "aaaaaaaaaaaaaaaa"))
                .hasValueSatisfying(p -> assertThat(p).contains("too easy to guess"));
    }

    @Test
    void longUnusualPasswordsPassInAnyScript() {
        assertThat(PasswordRule.problem("ada", "Otter lantern quay 1729")).isEmpty();
        assertThat(PasswordRule.problem("ada", "pw-" + java.util.UUID.randomUUID()))
                .isEmpty();
        assertThat(PasswordRule.problem("ada", "水獭灯笼码头在雨中唱歌吧"))
                .as("12 characters, 36 bytes")
                .isEmpty();
        assertThat(PasswordRule.problem("ada", "Ok!水獭灯笼码头在雨中唱歌吧山川河流日月星辰风云雷"))
                .as("72 bytes")
                .isEmpty();
    }

    @Test
    void failuresWaitLongerEachTimeThenLock() {
        StaffProperties.Lockout policy = new StaffProperties.Lockout(
                5, 10, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(30), 10);
        Instant now = Instant.parse("2026-12-07T10:00:00Z");
        LoginState s = LoginState.CLEAR;
        List<Long> waits = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            s = s.afterFailure(now, policy);
            assertThat(s.failures()).isEqualTo(i);
            waits.add(
                    s.waitUntil() == null
                            ? 0
                            : Duration.between(now, s.waitUntil()).toSeconds());
            assertThat(s.refusal(now).isPresent()).isEqualTo(i >= 5);
        }
        assertThat(waits).containsExactly(0L, 0L, 0L, 0L, 1L, 2L, 4L, 8L, 10L);
        assertThat(s.refusal(now.plusSeconds(10))).isEmpty();
        s = s.afterFailure(now, policy);
        assertThat(s.lockedUntil()).isEqualTo(now.plus(Duration.ofMinutes(30)));
        assertThat(s.refusal(now.plus(Duration.ofMinutes(29))))
                .hasValueSatisfying(r ->
                        assertThat(r.getMessage()).contains("locked after 10").contains("60 s"));
        assertThat(s.refusal(now.plus(Duration.ofMinutes(30)))).isEmpty();
        assertThat(s.afterFailure(now.plus(Duration.ofMinutes(31)), policy).locked(now.plus(Duration.ofMinutes(31))))
                .as("once a lock has run out, the next failure locks again")
                .isTrue();
    }
}
