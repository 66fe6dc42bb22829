package dev.teller.server.security.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One account's failed logins in a row, and until when it must wait or is locked because of them (null: not).
 *
 * @param failures failed logins since the last success or unlock
 * @param waitUntil when the account may try again after its latest failure, past {@code backoffAfter} failures
 * @param lockedUntil when its lock runs out, past {@code lockAfter} failures
 */
record LoginState(int failures, Instant waitUntil, Instant lockedUntil) {

    static final LoginState CLEAR = new LoginState(0, null, null);

    /** Why a login at {@code now} is refused before its password is looked at; empty when it may be tried. */
    Optional<LoginRefused> refusal(Instant now) {
        if (lockedUntil != null && now.isBefore(lockedUntil)) {
            return Optional.of(LoginRefused.locked(failures, Duration.between(now, lockedUntil)));
        }
        if (waitUntil != null && now.isBefore(waitUntil)) {
            return Optional.of(LoginRefused.waiting(failures, Duration.between(now, waitUntil)));
        }
        return Optional.empty();
    }

    /**
     * The state after one more failure at {@code now}: from {@code backoffAfter} failures the account waits
     * {@code firstWait}, doubled with each further failure up to {@code maxWait}; at {@code lockAfter} it is locked
     * for {@code lockFor} (and, once that has run out, locked again by the next failure).
     */
    LoginState afterFailure(Instant now, StaffProperties.Lockout policy) {
        int n = failures + 1;
        if (n >= policy.lockAfter()) {
            return new LoginState(n, null, now.plus(policy.lockFor()));
        }
        if (n >= policy.backoffAfter()) {
            int doublings = Math.min(n - policy.backoffAfter(), 30);
            Duration wait = policy.firstWait().multipliedBy(1L << doublings);
            return new LoginState(n, now.plus(wait.compareTo(policy.maxWait()) > 0 ? policy.maxWait() : wait), null);
        }
        return new LoginState(n, null, null);
    }

    boolean locked(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }
}
