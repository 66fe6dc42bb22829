package dev.teller.server.security;

import dev.teller.server.security.internal.LoginThrottle;
import dev.teller.server.security.internal.PasswordRule;
import dev.teller.server.security.internal.Problems;
import dev.teller.server.security.internal.StaffAudit;
import dev.teller.server.security.internal.StaffPasswords;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * Staff accounts in the database: what logging in reads, and what admins and staff change (every change audited
 * in {@code staff_audit} with who made it, never with a password). Passwords follow {@link PasswordRule}; changing
 * them is {@link StaffPasswords}'.
 */
@Service
public class StaffAccounts {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    private static final List<String> QUEUES = List.of("general", "senior", "risk");
    private static final String COLUMNS = "username, display_name, role, queues, capacity, presence, enabled,"
            + " failed_logins, locked_until FROM staff";

    /** A member of staff as the API shows them (never with the password). */
    public record Staff(
            String username,
            String displayName,
            Role role,
            List<String> queues,
            int capacity,
            String presence,
            boolean enabled,
            boolean locked,
            Instant lockedUntil,
            int failedLogins) {}

    /** One of the demo accounts of the embedded default. */
    record Demo(String username, String displayName, Role role, List<String> queues) {}

    static final List<Demo> DEMO = List.of(
            new Demo("agent", "Ada Agent", Role.AGENT, List.of("general", "senior")),
            new Demo("agent2", "Ben Agent", Role.AGENT, List.of("general", "risk")),
            new Demo("supervisor", "Sue Supervisor", Role.SUPERVISOR, QUEUES),
            new Demo("admin", "Al Admin", Role.ADMIN, QUEUES));

    /**
     * A member of staff as a login holds them: with the account's login epoch, which disabling the account or
     * changing its password moves on, so that a session opened before can be told apart and ended.
     */
    public static final class StaffUser extends User {
        final int epoch;

        StaffUser(String username, String hash, Role role, boolean enabled, int epoch) {
            super(username, hash, enabled, true, true, true, AuthorityUtils.createAuthorityList("ROLE_" + role.name()));
            this.epoch = epoch;
        }
    }

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final LoginThrottle throttle;
    private final StaffAudit audit;

    StaffAccounts(JdbcClient jdbc, PasswordEncoder passwords, Clock clock, LoginThrottle throttle, StaffAudit audit) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.clock = clock;
        this.throttle = throttle;
        this.audit = audit;
    }

    /** A username as accounts are keyed: without surrounding spaces, in lower case. */
    public static String normalise(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    /** What a login checks the password against. */
    public StaffUser loadUser(String username) {
        return jdbc.sql("SELECT username, password_hash, role, enabled, login_epoch FROM staff WHERE username = ?")
                .param(normalise(username))
                .query((rs, n) -> new StaffUser(
                        rs.getString(1), rs.getString(2), Role.of(rs.getString(3)), rs.getBoolean(4), rs.getInt(5)))
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no such member of staff"));
    }

    /** True while the session of this login may go on: the account is enabled and its password unchanged since. */
    public boolean sessionValid(StaffUser user) {
        return jdbc.sql("SELECT enabled, login_epoch FROM staff WHERE username = ?")
                .param(user.getUsername())
                .query((rs, n) -> rs.getBoolean(1) && rs.getInt(2) == user.epoch)
                .optional()
                .orElse(false);
    }

    @Transactional
    public Staff create(
            String username,
            String displayName,
            String role,
            String password,
            List<String> queues,
            Integer capacity,
            String actor) {
        String name = normalise(username);
        if (!USERNAME.matcher(name).matches()) {
            throw invalid("username must be 2 to 64 lowercase letters, digits, dots, dashes or underscores.");
        }
        Role r;
        try {
            r = Role.of(role == null ? "" : role);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage() + ".");
        }
        PasswordRule.require(name, password);
        List<String> q = queues == null || queues.isEmpty() ? List.of("general") : queues;
        if (!QUEUES.containsAll(q)) {
            throw invalid("queues must be among " + QUEUES + ".");
        }
        int cap = capacity == null ? 3 : capacity;
        if (cap < 1 || cap > 50) {
            throw invalid("capacity (concurrent chats) must be 1 to 50.");
        }
        String shown = displayName == null || displayName.isBlank() ? name : displayName.strip();
        if (shown.length() > 200) {
            throw invalid("displayName must be at most 200 characters.");
        }
        if (byUsername(name).isPresent() || insert(name, shown, r, passwords.encode(password), q, cap) == 0) {
            throw Problems.of(
                    HttpStatus.CONFLICT, "Account exists", "There is already a member of staff called '" + name + "'.");
        }
        audit.record(name, actor, "create", r.code() + " " + q);
        return byUsername(name).orElseThrow();
    }

    /**
     * Makes the first admin (at start-up, when no admin account exists yet): false when another node made one
     * first. The password follows the rule; a refusal says why, never what it was.
     */
    @Transactional
    public boolean createFirstAdmin(String username, String password) {
        String name = normalise(username);
        if (!USERNAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "the username must be 2 to 64 lowercase letters, digits, dots, dashes or underscores");
        }
        PasswordRule.problem(name, password).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        if (insert(name, name, Role.ADMIN, passwords.encode(password), QUEUES, 3) == 0) {
            return false;
        }
        audit.record(name, "start-up", "create", "admin " + QUEUES + " (first admin, from TELLER_ADMIN_PASSWORD)");
        return true;
    }

    /** True when some account has the admin role. */
    public boolean anyAdmin() {
        return jdbc.sql("SELECT COUNT(*) FROM staff WHERE role = 'admin'")
                        .query(Integer.class)
                        .single()
                > 0;
    }

    @Transactional(readOnly = true)
    public Optional<Staff> byUsername(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE username = ?")
                .param(username)
                .query(this::staff)
                .optional();
    }

    @Transactional(readOnly = true)
    public List<Staff> all() {
        return jdbc.sql("SELECT " + COLUMNS + " ORDER BY username")
                .query(this::staff)
                .list();
    }

    /**
     * Disables or enables an account (audited). A disabled account cannot log in, its sessions end at their next
     * request, and routing gives it no new complaint (it reads only enabled accounts); an admin cannot disable their
     * own account.
     */
    @Transactional
    public Staff setEnabled(String username, boolean enabled, String actor) {
        String name = normalise(username);
        if (!enabled && name.equals(normalise(actor))) {
            throw Problems.of(
                    HttpStatus.CONFLICT,
                    "Not your own account",
                    "You cannot disable your own account: another admin can, if it must be.");
        }
        int changed = enabled
                ? jdbc.sql("UPDATE staff SET enabled = TRUE WHERE username = ?")
                        .param(name)
                        .update()
                : jdbc.sql("UPDATE staff SET enabled = FALSE, login_epoch = login_epoch + 1" + " WHERE username = ?")
                        .param(name)
                        .update();
        if (changed == 0) {
            throw notFound(name);
        }
        audit.record(name, actor, enabled ? "enabled" : "disabled", null);
        return byUsername(name).orElseThrow();
    }

    /** Clears an account's failed logins, wait and lock (audited as unlocked by {@code actor}). */
    public Staff unlock(String username, String actor) {
        String name = normalise(username);
        if (!throttle.unlock(name, actor)) {
            throw notFound(name);
        }
        return byUsername(name).orElseThrow();
    }

    /** Makes the demo accounts that do not exist yet (embedded default). */
    @Transactional
    public int createDemoAccounts(String password) {
        int made = 0;
        for (Demo d : DEMO) {
            made += insert(d.username(), d.displayName(), d.role(), passwords.encode(password), d.queues(), 3);
        }
        return made;
    }

    private Staff staff(ResultSet rs, int n) throws SQLException {
        Timestamp lockedUntil = rs.getTimestamp(9);
        Instant until = lockedUntil == null ? null : lockedUntil.toInstant();
        boolean locked = until != null && clock.instant().isBefore(until);
        return new Staff(
                rs.getString(1),
                rs.getString(2),
                Role.of(rs.getString(3)),
                List.of(rs.getString(4).split(",")),
                rs.getInt(5),
                rs.getString(6),
                rs.getBoolean(7),
                locked,
                locked ? until : null,
                rs.getInt(8));
    }

    /**
     * Inserts an account unless one of that name is there already (several nodes may start at once on one
     * database and make the same accounts together): 1 when it was inserted, 0 when the name was taken.
     */
    private int insert(String name, String displayName, Role role, String hash, List<String> queues, int capacity) {
        return jdbc.sql("""
                        INSERT INTO staff (username, display_name, password_hash, role, queues, capacity, presence, enabled, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, 'away', TRUE, ?) ON CONFLICT DO NOTHING""")
                .params(
                        name,
                        displayName,
                        hash,
                        role.code(),
                        String.join(",", queues),
                        capacity,
                        Timestamp.from(clock.instant()))
                .update();
    }

    public static ErrorResponseException notFound(String name) {
        return Problems.of(
                HttpStatus.NOT_FOUND,
                "No such account",
                "No member of staff is called '" + name + "': GET /api/v1/admin/staff lists them.");
    }

    private static ErrorResponseException invalid(String detail) {
        return Problems.of(HttpStatus.BAD_REQUEST, "Account not accepted", detail);
    }
}
