package dev.teller.intents.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Cleans a message before it is classified: Unicode NFKC (full-width letters and digits become ASCII),
 * control characters removed, lower case, links and @handles replaced by placeholders, runs of white space
 * collapsed, and the length capped so that a huge paste costs no more than a long message.
 */
public final class TextNormalizer {

    /** Characters of a message that the classifiers look at; the rest is ignored. */
    public static final int MAX_CLASSIFIED_CHARS = 1_000;

    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
    private static final Pattern HANDLE = Pattern.compile("(?<![\\w@])@\\w+");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private TextNormalizer() {}

    /**
     * Removes control and format characters (keeping line breaks and tabs as spaces), unpaired surrogates and the
     * replacement character U+FFFD (what a NUL or a broken character became on its way in: it says nothing).
     */
    public static String stripControls(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    out.append(c).append(text.charAt(++i));
                }
                continue;
            }
            if (Character.isLowSurrogate(c)) {
                continue;
            }
            int type = Character.getType(c);
            if (c == '\n' || c == '\r' || c == '\t') {
                out.append(' ');
            } else if (type == Character.CONTROL || (type == Character.FORMAT && c != '\u200d') || c == '\uFFFD') {
                // dropped: NUL, escape sequences, zero-width and direction marks, replacement characters
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The text the classifiers see. Never null; may be empty. */
    public static String normalize(String text) {
        String s = text.length() > 4 * MAX_CLASSIFIED_CHARS ? text.substring(0, 4 * MAX_CLASSIFIED_CHARS) : text;
        s = stripControls(s);
        s = Normalizer.normalize(s, Normalizer.Form.NFKC);
        s = s.toLowerCase(Locale.ROOT);
        s = URL.matcher(s).replaceAll(" http ");
        s = HANDLE.matcher(s).replaceAll(" @user ");
        s = s.replace('’', '\'').replace('‘', '\'');
        s = SPACE.matcher(s).replaceAll(" ").strip();
        if (s.length() > MAX_CLASSIFIED_CHARS) {
            int end = MAX_CLASSIFIED_CHARS;
            if (Character.isHighSurrogate(s.charAt(end - 1))) {
                end--;
            }
            s = s.substring(0, end);
        }
        return s;
    }
}
