package dev.teller.server.security.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Failed logins per account, in the database so that every node counts them together: after
 * {@code teller.staff.lockout.backoff-after} failures in a row each further try must wait (a growing wait), after
 * {@code lock-after} the account is locked; a try during the wait or the lock is refused at once, without a
 * password check, so that nobody holds a thread or a bcrypt round by guessing. A success or an admin's unlock
 * clears the count. Usernames that name no account get the same answers from a bounded memory of their own, so
 * that the answers do not tell which names exist and guessing at names fills no table.
 */
@Component
public class LoginThrottle {

    static final String WRONG = "The username or password is wrong.";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final StaffProperties.Lockout policy;
    private final StaffAudit audit;
    private final Map<String, LoginState> unknown;

    public LoginThrottle(JdbcClient jdbc, Clock clock, StaffProperties staff, StaffAudit audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.policy = staff.lockout();
        this.audit = audit;
        int max = policy.unknownNames();
        this.unknown = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, LoginState> eldest) {
                return size() > max;
            }
        });
    }

    /** The account's failed logins now (for a name that is no account, what memory holds). */
    LoginState state(String username) {
        return jdbc.sql("SELECT failed_logins, login_wait_until, locked_until FROM staff WHERE username = ?")
                .param(username)
                .query((rs, n) -> new LoginState(rs.getInt(1), instant(rs, 2), instant(rs, 3)))
                .optional()
                .orElseGet(() -> unknown.getOrDefault(username, LoginState.CLEAR));
    }

    /** Refuses a login that must wait or is locked, before anyone looks at its password; else its state. */
    LoginState check(String username) {
        LoginState s = state(username);
        s.refusal(clock.instant()).ifPresent(r -> {
            throw r;
        });
        return s;
    }

    /**
     * Counts a failed login (audited, with the client's address when known) and says what to answer: the wait or
     * lock it leads to, or else that the username or password is wrong.
     */
    @Transactional
    public AuthenticationException failed(String username, String from) {
        Instant now = clock.instant();
        LoginState after;
        // The increment locks the row: nodes counting failures of one account at once count each of them.
        if (jdbc.sql("UPDATE staff SET failed_logins = failed_logins + 1 WHERE username = ?")
                        .param(username)
                        .update()
                == 0) {
            after = unknown.compute(username, (k, s) -> (s == null ? LoginState.CLEAR : s).afterFailure(now, policy));
        } else {
            int n = jdbc.sql("SELECT failed_logins FROM staff WHERE username = ?")
                    .param(username)
                    .query(Integer.class)
                    .single();
            after = new LoginState(n - 1, null, null).afterFailure(now, policy);
            jdbc.sql("UPDATE staff SET login_wait_until = ?, locked_until = ? WHERE username = ?")
                    .params(timestamp(after.waitUntil()), timestamp(after.lockedUntil()), username)
                    .update();
            audit.record(
                    username,
                    "login",
                    "login_failed",
                    "failed login " + n + " in a row" + (from == null ? "" : " from " + from));
            if (after.lockedUntil() != null) {
                audit.record(
                        username,
                        "login",
                        "locked",
                        "after " + n + " failed logins in a row, until " + after.lockedUntil());
            }
        }
        return after.refusal(now)
                .<AuthenticationException>map(r -> r)
                .orElseGet(() -> new BadCredentialsException(WRONG));
    }

    /** A successful login clears the failures before it. */
    void succeeded(String username, LoginState before) {
        if (before.failures() > 0) {
            clear(username);
        }
    }

    /** Clears an account's failures, wait and lock (audited as unlocked by {@code actor}); false if no account. */
    @Transactional
    public boolean unlock(String username, String actor) {
        LoginState before = state(username);
        if (clear(username) == 0) {
            return false;
        }
        audit.record(
                username,
                actor,
                "unlocked",
                before.failures() + " failed logins in a row"
                        + (before.locked(clock.instant()) ? ", locked until " + before.lockedUntil() : ""));
        return true;
    }

    /** Clears an account's failures, wait and lock; the number of accounts changed (0 or 1). */
    int clear(String username) {
        return jdbc.sql("UPDATE staff SET failed_logins = 0, login_wait_until = NULL, locked_until = NULL"
                        + " WHERE username = ?")
                .param(username)
                .update();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp timestamp(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
