package dev.teller.server.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * Staff accounts in the database, and the source of logins. On the embedded default (and wherever
 * {@code teller.staff.demo-accounts} is true) four demo accounts are made at start-up: {@code agent},
 * {@code agent2}, {@code supervisor} and {@code admin}, all with the demo password.
 */
@Service
public class StaffAccounts implements UserDetailsService {

    private static final Logger log = LoggerFactory.getLogger(StaffAccounts.class);
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    private static final List<String> QUEUES = List.of("general", "senior", "risk");

    /** A member of staff as the API shows them (never with the password). */
    public record Staff(
            String username, String displayName, Role role, List<String> queues, int capacity, String presence) {}

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final Clock clock;

    StaffAccounts(JdbcClient jdbc, PasswordEncoder passwords, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql("SELECT username, password_hash, role, enabled FROM staff WHERE username = ?")
                .param(username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT))
                .query((rs, n) -> User.withUsername(rs.getString(1))
                        .password(rs.getString(2))
                        .roles(rs.getString(3).toUpperCase(java.util.Locale.ROOT))
                        .disabled(!rs.getBoolean(4))
                        .build())
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no such member of staff"));
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
        String name = username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            throw invalid("username must be 2 to 64 lowercase letters, digits, dots, dashes or underscores.");
        }
        Role r;
        try {
            r = Role.of(role == null ? "" : role);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage() + ".");
        }
        if (password == null || password.length() < 12 || password.length() > 200) {
            throw invalid("password must be 12 to 200 characters.");
        }
        List<String> q = queues == null || queues.isEmpty() ? List.of("general") : queues;
        if (!QUEUES.containsAll(q)) {
            throw invalid("queues must be among " + QUEUES + ".");
        }
        int cap = capacity == null ? 3 : capacity;
        if (cap < 1 || cap > 50) {
            throw invalid("capacity (concurrent chats) must be 1 to 50.");
        }
        if (byUsername(name).isPresent()
                || insert(
                                name,
                                displayName == null || displayName.isBlank() ? name : displayName.strip(),
                                r,
                                passwords.encode(password),
                                q,
                                cap)
                        == 0) {
            ErrorResponseException e = new ErrorResponseException(HttpStatus.CONFLICT);
            e.getBody().setTitle("Account exists");
            e.getBody().setDetail("There is already a member of staff called '" + name + "'.");
            throw e;
        }
        jdbc.sql("INSERT INTO staff_audit (username, at, actor, action, detail) VALUES (?, ?, ?, 'create', ?)")
                .params(name, Timestamp.from(clock.instant()), actor, r.code() + " " + q)
                .update();
        return byUsername(name).orElseThrow();
    }

    @Transactional(readOnly = true)
    public Optional<Staff> byUsername(String username) {
        return jdbc.sql("SELECT username, display_name, role, queues, capacity, presence FROM staff WHERE username = ?")
                .param(username)
                .query((rs, n) -> new Staff(
                        rs.getString(1),
                        rs.getString(2),
                        Role.of(rs.getString(3)),
                        List.of(rs.getString(4).split(",")),
                        rs.getInt(5),
                        rs.getString(6)))
                .optional();
    }

    @Transactional(readOnly = true)
    public List<Staff> all() {
        return jdbc.sql("SELECT username FROM staff ORDER BY username").query(String.class).list().stream()
                .map(u -> byUsername(u).orElseThrow())
                .toList();
    }

    /** Makes the demo accounts that do not exist yet (embedded default). */
    @Transactional
    public int createDemoAccounts(String password) {
        int made = 0;
        for (String[] a : List.of(
                new String[] {"agent", "Ada Agent", "agent", "general,senior"},
                new String[] {"agent2", "Ben Agent", "agent", "general,risk"},
                new String[] {"supervisor", "Sue Supervisor", "supervisor", "general,senior,risk"},
                new String[] {"admin", "Al Admin", "admin", "general,senior,risk"})) {
            if (byUsername(a[0]).isEmpty()) {
                made += insert(a[0], a[1], Role.of(a[2]), passwords.encode(password), List.of(a[3].split(",")), 3);
            }
        }
        return made;
    }

    /**
     * Inserts an account unless one of that name is there already (several nodes may start at once on one
     * database and make the demo accounts together): 1 when it was inserted, 0 when the name was taken.
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

    private static ErrorResponseException invalid(String detail) {
        ErrorResponseException e = new ErrorResponseException(HttpStatus.BAD_REQUEST);
        e.getBody().setTitle("Account not accepted");
        e.getBody().setDetail(detail);
        return e;
    }

    /** Creates the demo accounts at start-up when they are switched on, and says how to log in. */
    @org.springframework.stereotype.Component
    static class Demo {
        Demo(
                StaffAccounts accounts,
                @Value("${teller.staff.demo-accounts:true}") boolean on,
                @Value("${teller.staff.demo-password:teller-demo}") String password) {
            if (!on) {
                return;
            }
            int made = accounts.createDemoAccounts(password);
            log.warn(
                    "demo staff accounts are on{}: log in as agent, agent2, supervisor or admin with the demo password "
                            + "(teller.staff.demo-password). Set TELLER_DEMO_ACCOUNTS=false for real use.",
                    made > 0 ? " (" + made + " created)" : "");
        }
    }
}
