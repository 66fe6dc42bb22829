package dev.teller.server.security.internal;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Who did what to which staff account, and when ({@code staff_audit}); never a password. */
@Component
public class StaffAudit {

    private final JdbcClient jdbc;
    private final Clock clock;

    public StaffAudit(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * One row: {@code actor} is the member of staff who acted, {@code login} for what logging in did, or
     * {@code start-up}.
     */
    public void record(String username, String actor, String action, String detail) {
        jdbc.sql("INSERT INTO staff_audit (username, at, actor, action, detail) VALUES (?, ?, ?, ?, ?)")
                .params(username, Timestamp.from(clock.instant()), actor, action, detail)
                .update();
    }
}
