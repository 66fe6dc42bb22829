package dev.teller.intents.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks payment card numbers: any run of 13 to 19 digits, optionally split by single spaces or hyphens, that
 * passes the Luhn check keeps only its last four digits ({@code **** **** **** 1234}). Applied before a
 * message is stored, logged, indexed or sent anywhere.
 */
public final class CardNumbers {

    private static final Pattern CANDIDATE = Pattern.compile("(?<![\\d])\\d(?:[ -]?\\d){12,18}(?![\\d])");

    private CardNumbers() {}

    /** The text with every card number masked; other text is unchanged. Null stays null. */
    public static String mask(String text) {
        if (text == null || text.length() < 13) {
            return text;
        }
        Matcher m = CANDIDATE.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            String digits = m.group().replaceAll("[ -]", "");
            if (!luhn(digits)) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, last, m.start()).append("**** **** **** ").append(digits.substring(digits.length() - 4));
            last = m.end();
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    /** Whether a message holds something that looks like a full card number. */
    public static boolean containsCardNumber(String text) {
        return text != null && !mask(text).equals(text);
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }
}
