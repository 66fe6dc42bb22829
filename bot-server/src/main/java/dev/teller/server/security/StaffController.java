package dev.teller.server.security;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Staff accounts: each member of staff sees themselves; admins list and create accounts (audited). */
@RestController
class StaffController {

    record NewStaff(
            String username, String displayName, String role, String password, List<String> queues, Integer capacity) {}

    private final StaffAccounts accounts;

    StaffController(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/api/v1/staff/me")
    StaffAccounts.Staff me(Principal principal) {
        return accounts.byUsername(principal.getName()).orElseThrow();
    }

    /** The CSRF token a staff page sends back as {@code X-CSRF-TOKEN} with each change it makes. */
    @GetMapping("/api/v1/staff/csrf")
    java.util.Map<String, String> csrf(org.springframework.security.web.csrf.CsrfToken token) {
        return java.util.Map.of("headerName", token.getHeaderName(), "token", token.getToken());
    }

    @GetMapping("/api/v1/admin/staff")
    List<StaffAccounts.Staff> all() {
        return accounts.all();
    }

    @PostMapping("/api/v1/admin/staff")
    ResponseEntity<StaffAccounts.Staff> create(@RequestBody NewStaff s, Principal principal) {
        StaffAccounts.Staff made = accounts.create(
                s.username(), s.displayName(), s.role(), s.password(), s.queues(), s.capacity(), principal.getName());
        return ResponseEntity.created(URI.create("/api/v1/admin/staff/" + made.username()))
                .body(made);
    }
}
