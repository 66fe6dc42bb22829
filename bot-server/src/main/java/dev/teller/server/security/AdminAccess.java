package dev.teller.server.security;

import dev.teller.server.config.TellerProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Who may use the admin API: each administrator has a name and a token ({@code TELLER_ADMINS=
 * "alice:token,bob:token"}), so every audited change names a person. With none configured, a token for
 * {@code admin} is made at start-up and logged, so that a first run can try the API.
 */
@Component
public class AdminAccess {

    private static final Logger log = LoggerFactory.getLogger(AdminAccess.class);

    /** Token hash → administrator's name. */
    private final Map<String, String> admins = new LinkedHashMap<>();

    AdminAccess(TellerProperties properties) {
        String configured =
                properties.admins() == null ? "" : properties.admins().strip();
        if (configured.isEmpty()) {
            String token = Tokens.newToken();
            admins.put(Tokens.hash(token), "admin");
            log.warn(
                    "TELLER_ADMINS is not set: for this run the admin API takes 'Authorization: Bearer {}' (user admin). "
                            + "Set TELLER_ADMINS=name:token,... to name your administrators.",
                    token);
            return;
        }
        for (String pair : configured.split(",")) {
            int colon = pair.indexOf(':');
            String name = colon < 0 ? "" : pair.substring(0, colon).strip();
            String token = colon < 0 ? "" : pair.substring(colon + 1).strip();
            if (name.isEmpty() || token.length() < 16) {
                throw new IllegalStateException("TELLER_ADMINS must be name:token pairs separated by commas, each token"
                        + " at least 16 characters; '" + (name.isEmpty() ? "?" : name) + "' is not");
            }
            admins.put(Tokens.hash(token), name);
        }
    }

    /** The administrator an {@code Authorization} header names; 401 without a token, 403 for an unknown one. */
    public String administrator(String authorization) {
        String token = Tokens.bearer(authorization);
        if (token == null) {
            ErrorResponseException e = new ErrorResponseException(HttpStatus.UNAUTHORIZED);
            e.getBody().setTitle("Missing token");
            e.getBody().setDetail("The admin API needs 'Authorization: Bearer <admin token>' (see TELLER_ADMINS).");
            e.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            throw e;
        }
        String name = admins.get(Tokens.hash(token));
        if (name == null) {
            ErrorResponseException e = new ErrorResponseException(HttpStatus.FORBIDDEN);
            e.getBody().setTitle("Not an administrator");
            e.getBody().setDetail("This token is not an admin token. Ask whoever runs Teller for one (TELLER_ADMINS).");
            throw e;
        }
        return name;
    }
}
