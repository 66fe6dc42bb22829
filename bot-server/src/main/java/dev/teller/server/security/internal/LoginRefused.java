package dev.teller.server.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.ObjectMapper;

/**
 * A login refused for the account's state rather than the password: it must wait after failed logins, it is locked,
 * or it is disabled. Its message is the whole explanation, shown on the login page and as the problem detail of
 * an HTTP Basic refusal.
 */
final class LoginRefused extends AccountStatusException {

    /** Why, with the problem's title and the status of the answer to someone already logged in. */
    private enum Kind {
        WAITING("Try again later", HttpStatus.TOO_MANY_REQUESTS),
        LOCKED("Account locked", HttpStatus.FORBIDDEN),
        DISABLED("Account disabled", HttpStatus.FORBIDDEN);

        final String title;
        final HttpStatus status;

        Kind(String title, HttpStatus status) {
            this.title = title;
            this.status = status;
        }
    }

    private final Kind kind;
    /** Seconds until the account may try again; 0 when waiting does not help (disabled). */
    private final long retryAfter;
    /** The failed logins in a row that led to it (0 when disabled). */
    private final int failures;

    private LoginRefused(Kind kind, String detail, long retryAfter, int failures) {
        super(detail);
        this.kind = kind;
        this.retryAfter = retryAfter;
        this.failures = failures;
    }

    /**
     * The refusal in a few safe characters ({@code locked.10.1800}), for the login page to say why without a
     * session: the form's failure is told in a short-lived cookie.
     */
    String code() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + "." + failures + "." + retryAfter;
    }

    /** The refusal a {@link #code()} stands for; null for anything else (a cookie is whatever the client sends). */
    static LoginRefused fromCode(String code) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "(waiting|locked|disabled)\\.(\\d{1,4})\\.(\\d{1,7})")
                .matcher(code == null ? "" : code);
        if (!m.matches()) {
            return null;
        }
        int failures = Integer.parseInt(m.group(2));
        Duration left = Duration.ofSeconds(Long.parseLong(m.group(3)));
        return switch (m.group(1)) {
            case "waiting" -> waiting(failures, left);
            case "locked" -> locked(failures, left);
            default -> disabled();
        };
    }

    static LoginRefused waiting(int failures, Duration left) {
        long s = Problems.retryAfterSeconds(left.toNanos());
        return new LoginRefused(
                Kind.WAITING,
                failures + " failed logins in a row for this account: wait " + s + " s (Retry-After) before the"
                        + " next try; each further failure doubles the wait. An administrator can unlock it at once.",
                s,
                failures);
    }

    static LoginRefused locked(int failures, Duration left) {
        long s = Problems.retryAfterSeconds(left.toNanos());
        return new LoginRefused(
                Kind.LOCKED,
                "This account is locked after " + failures + " failed logins in a row. It unlocks by itself in "
                        + (s >= 120 ? (s + 59) / 60 + " min" : s + " s")
                        + ", or an administrator can unlock it now (POST /api/v1/admin/staff/{username}/unlock).",
                s,
                failures);
    }

    static LoginRefused disabled() {
        return new LoginRefused(
                Kind.DISABLED, "This account is disabled: ask an administrator to enable it again.", 0, 0);
    }

    /** The explanation for a person at the login page: without the API's words (the header, the endpoint). */
    String forThePage() {
        return getMessage().replace(" (Retry-After)", "").replaceAll(" \\(POST [^)]*\\)", "");
    }

    /** The refusal as an HTTP Basic answer: 401, with {@code Retry-After} when waiting helps. */
    void write(ObjectMapper json, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (retryAfter > 0) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        }
        Problems.write(json, request, response, 401, kind.title, getMessage());
    }

    /**
     * The refusal as the answer to a request made by someone already logged in (their own password change): 429
     * while the account must wait, 403 when it is locked or disabled.
     */
    ErrorResponseException asProblem() {
        ErrorResponseException e = Problems.of(kind.status, kind.title, getMessage());
        if (retryAfter > 0) {
            e.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        }
        return e;
    }
}
