package dev.teller.server.complaint;

import java.util.Locale;

/** A complaint's severity tier (DOMAIN.md): each has its own resolution deadline. */
public enum Tier {
    ORDINARY,
    URGENT,
    MAJOR;

    /** One tier up (a major complaint stays major). */
    public Tier up() {
        return this == MAJOR ? MAJOR : values()[ordinal() + 1];
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Tier of(String code) {
        return valueOf(code.strip().toUpperCase(Locale.ROOT));
    }
}
