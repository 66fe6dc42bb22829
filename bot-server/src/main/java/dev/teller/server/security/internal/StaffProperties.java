package dev.teller.server.security.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Staff accounts at start-up and at login ({@code teller.staff.*}).
 *
 * @param demoAccounts the demo accounts ({@code agent}, {@code agent2}, {@code supervisor}, {@code admin} with
 *     {@code demoPassword}): unset means on the embedded H2 database and off elsewhere; {@code false} turns them off
 *     on H2 too; {@code true} is ignored (with a warning) on any other database: a known password never guards a
 *     bank's real database
 * @param demoPassword the demo accounts' password
 * @param adminUsername the first admin's username, made at start-up with {@code adminPassword} while no admin account
 *     exists (the way in on PostgreSQL)
 * @param adminPassword the first admin's password (checked by the password rule; never logged); empty for none
 * @param lockout how failed logins slow an account down and lock it
 */
@ConfigurationProperties("teller.staff")
public record StaffProperties(
        Boolean demoAccounts,
        @DefaultValue("teller-demo") String demoPassword,
        @DefaultValue("admin") String adminUsername,
        String adminPassword,
        @DefaultValue Lockout lockout) {

    /**
     * Failed logins per account, counted in the database so that every node sees them; a success resets the count.
     *
     * @param backoffAfter failures in a row after which each further attempt must wait: {@code firstWait}, then
     *     twice as long after each failure, at most {@code maxWait}; an attempt during the wait is refused without
     *     looking at the password
     * @param lockAfter failures in a row that lock the account for {@code lockFor}, or until an admin unlocks it
     * @param firstWait the first wait
     * @param maxWait the longest wait
     * @param lockFor how long a lock lasts
     * @param unknownNames usernames that name no account, remembered (in memory, the least recent forgotten first)
     *     so that they are answered exactly as an account would be, without writing them to the database
     */
    public record Lockout(
            @DefaultValue("5") int backoffAfter,
            @DefaultValue("10") int lockAfter,
            @DefaultValue("PT1S") Duration firstWait,
            @DefaultValue("PT1M") Duration maxWait,
            @DefaultValue("PT30M") Duration lockFor,
            @DefaultValue("10000") int unknownNames) {

        public Lockout {
            if (backoffAfter < 1 || lockAfter < backoffAfter || unknownNames < 1) {
                throw new IllegalArgumentException("teller.staff.lockout: need 1 <= backoff-after <= lock-after, and"
                        + " unknown-names of at least 1");
            }
            if (firstWait.isNegative() || maxWait.compareTo(firstWait) < 0 || !lockFor.isPositive()) {
                throw new IllegalArgumentException(
                        "teller.staff.lockout: need 0 <= first-wait <= max-wait, and a positive lock-for");
            }
        }
    }

    public StaffProperties {
        adminPassword = adminPassword == null || adminPassword.isEmpty() ? null : adminPassword;
    }

    /** Never shows the passwords. */
    @Override
    public String toString() {
        return "StaffProperties[demoAccounts=" + demoAccounts + ", adminUsername=" + adminUsername + ", adminPassword="
                + (adminPassword == null ? "none" : "(set)") + ", lockout=" + lockout + "]";
    }
}
