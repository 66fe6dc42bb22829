package dev.teller.server.security;

import java.util.Locale;

/** What a member of staff may do. Each role includes the ones below it: an admin is a supervisor is an agent. */
public enum Role {
    AGENT,
    SUPERVISOR,
    ADMIN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role of(String code) {
        try {
            return valueOf(code.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("role must be agent, supervisor or admin, not '" + code + "'");
        }
    }
}
