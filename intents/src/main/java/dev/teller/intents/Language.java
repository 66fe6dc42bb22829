package dev.teller.intents;

/** The language of a customer message. {@code MIXED} is Chinese and English in one message. */
public enum Language {
    EN,
    ZH,
    MIXED;

    /** The lower-case code used in JSON and configuration: {@code en}, {@code zh}, {@code mixed}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
