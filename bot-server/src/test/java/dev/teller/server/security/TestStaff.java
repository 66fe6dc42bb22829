package dev.teller.server.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * The accounts the tests on PostgreSQL log in with, made through {@link StaffAccounts} as an admin would: the demo
 * accounts' names, roles and queues but not the admin (the first-admin settings make it, as in production), with
 * the password {@code teller.test.staff-password}. Nothing without that setting. Demo accounts themselves are never
 * made on PostgreSQL.
 */
@TestComponent
public class TestStaff {

    TestStaff(StaffAccounts accounts, @Value("${teller.test.staff-password:}") String password) {
        if (password.isEmpty()) {
            return;
        }
        for (StaffAccounts.Demo d : StaffAccounts.DEMO) {
            if (d.role() == Role.ADMIN || accounts.byUsername(d.username()).isPresent()) {
                continue;
            }
            try {
                accounts.create(d.username(), d.displayName(), d.role().code(), password, d.queues(), 3, "test-setup");
            } catch (ErrorResponseException e) {
                if (e.getStatusCode() != HttpStatus.CONFLICT) {
                    throw e;
                }
            }
        }
    }
}
