package dev.teller.server.security.internal;

import dev.teller.server.security.StaffAccounts;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changing a staff password: an admin's reset, or its owner's change (which needs the current one). Either way the
 * new one follows {@link PasswordRule}, the account's sessions end (its login epoch moves on), its failed logins are
 * cleared, and the change is audited without the password.
 */
@Component
public class StaffPasswords {

    private final StaffAccounts accounts;
    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final LoginThrottle throttle;
    private final StaffAudit audit;
    private final TransactionTemplate tx;

    public StaffPasswords(
            StaffAccounts accounts,
            JdbcClient jdbc,
            PasswordEncoder passwords,
            LoginThrottle throttle,
            StaffAudit audit,
            TransactionTemplate tx) {
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.throttle = throttle;
        this.audit = audit;
        this.tx = tx;
    }

    /**
     * An admin sets a new password for an account (audited): it follows the rule, ends the account's sessions and
     * clears its failed logins and lock, so that its owner can log in with it at once.
     */
    public StaffAccounts.Staff reset(String username, String password, String actor) {
        String name = StaffAccounts.normalise(username);
        if (accounts.byUsername(name).isEmpty()) {
            throw StaffAccounts.notFound(name);
        }
        PasswordRule.require(name, password);
        set(name, password, actor, "password_reset");
        return accounts.byUsername(name).orElseThrow();
    }

    /**
     * A member of staff changes their own password (audited): the current one must be right, and a wrong one
     * counts as a failed login towards the account's wait and lock. Ends the account's sessions.
     */
    public void changeOwn(String username, String current, String next, String from) {
        String name = StaffAccounts.normalise(username);
        try {
            throttle.check(name);
        } catch (LoginRefused r) {
            throw r.asProblem();
        }
        String hash = jdbc.sql("SELECT password_hash FROM staff WHERE username = ?")
                .param(name)
                .query(String.class)
                .optional()
                .orElseThrow(() -> StaffAccounts.notFound(name));
        if (!matches(current, hash)) {
            AuthenticationException counted = throttle.failed(name, from);
            if (counted instanceof LoginRefused r) {
                throw r.asProblem();
            }
            throw Problems.of(
                    HttpStatus.FORBIDDEN,
                    "Current password wrong",
                    "currentPassword is not your current password. Wrong tries count as failed logins: after a few"
                            + " in a row the account must wait, then it is locked.");
        }
        PasswordRule.require(name, next);
        if (matches(next, hash)) {
            throw Problems.of(
                    HttpStatus.BAD_REQUEST,
                    "Password not accepted",
                    "newPassword is your current password: choose a new one.");
        }
        set(name, next, name, "password_changed");
    }

    private void set(String name, String password, String actor, String action) {
        String hash = passwords.encode(password);
        tx.executeWithoutResult(s -> {
            jdbc.sql("UPDATE staff SET password_hash = ?, login_epoch = login_epoch + 1 WHERE username = ?")
                    .params(hash, name)
                    .update();
            throttle.clear(name);
            audit.record(name, actor, action, null);
        });
    }

    private boolean matches(String raw, String hash) {
        return raw != null && PasswordRule.fitsBcrypt(raw) && passwords.matches(raw, hash);
    }
}
