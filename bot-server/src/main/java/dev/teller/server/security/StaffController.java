package dev.teller.server.security;

import dev.teller.server.security.internal.StaffPasswords;
import dev.teller.server.security.internal.StorableText;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * Staff accounts: each member of staff sees themselves and changes their own password; admins list, create,
 * disable, enable and unlock accounts and reset their passwords (all audited).
 */
@RestController
class StaffController {

    // Passwords are read as typed (StorableText.Secret): every other field has its card numbers masked on arrival,
    // but a password is only hashed, and a masked one would not be what its owner types at login.
    record NewStaff(
            String username,
            String displayName,
            String role,

            @JsonDeserialize(using = StorableText.Secret.class)
            String password,

            List<String> queues,
            Integer capacity) {}

    record NewPassword(
            @JsonDeserialize(using = StorableText.Secret.class)
            String password) {}

    record PasswordChange(
            @JsonDeserialize(using = StorableText.Secret.class)
            String currentPassword,

            @JsonDeserialize(using = StorableText.Secret.class)
            String newPassword) {}

    private final StaffAccounts accounts;
    private final StaffPasswords passwords;

    StaffController(StaffAccounts accounts, StaffPasswords passwords) {
        this.accounts = accounts;
        this.passwords = passwords;
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

    @PostMapping("/api/v1/staff/me/password")
    ResponseEntity<Void> changeOwnPassword(
            @RequestBody PasswordChange change, Principal principal, HttpServletRequest request) {
        passwords.changeOwn(
                principal.getName(), change.currentPassword(), change.newPassword(), request.getRemoteAddr());
        return ResponseEntity.noContent().build();
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

    @PostMapping("/api/v1/admin/staff/{username}/disable")
    StaffAccounts.Staff disable(@PathVariable String username, Principal principal) {
        return accounts.setEnabled(username, false, principal.getName());
    }

    @PostMapping("/api/v1/admin/staff/{username}/enable")
    StaffAccounts.Staff enable(@PathVariable String username, Principal principal) {
        return accounts.setEnabled(username, true, principal.getName());
    }

    @PostMapping("/api/v1/admin/staff/{username}/unlock")
    StaffAccounts.Staff unlock(@PathVariable String username, Principal principal) {
        return accounts.unlock(username, principal.getName());
    }

    @PostMapping("/api/v1/admin/staff/{username}/password")
    StaffAccounts.Staff resetPassword(
            @PathVariable String username, @RequestBody NewPassword body, Principal principal) {
        return passwords.reset(username, body.password(), principal.getName());
    }
}
