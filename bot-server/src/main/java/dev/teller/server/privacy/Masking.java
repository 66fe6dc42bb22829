package dev.teller.server.privacy;

import dev.teller.intents.text.CardNumbers;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what must never be stored, logged, indexed or sent on: card numbers (Luhn-valid), and a CVV, PIN,
 * password or one-time code written after its name. Applied to every customer message on arrival.
 */
public final class Masking {

    /** A masked text and why it was masked (empty when nothing was). */
    public record Masked(String text, List<String> reasons) {
        public boolean changed() {
            return !reasons.isEmpty();
        }
    }

    private static final Pattern SECRET =
            Pattern.compile("(?iu)\\b(cvv2?|cvc2?|pin|passcode|password|one[- ]time code|otp|验证码|密码|安全码)"
                    + "(\\s*(?:is|=|:|：|是|为)?\\s*)(\\S{3,})");

    private Masking() {}

    public static Masked mask(String text) {
        List<String> reasons = new ArrayList<>();
        String s = CardNumbers.mask(text);
        if (!s.equals(text)) {
            reasons.add("card_number");
        }
        Matcher m = SECRET.matcher(s);
        StringBuilder out = new StringBuilder();
        boolean secret = false;
        while (m.find()) {
            if (m.group(3).chars().anyMatch(Character::isDigit) || m.group(1).matches("(?i)password|密码")) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + m.group(2) + "****"));
                secret = true;
            }
        }
        m.appendTail(out);
        if (secret) {
            reasons.add("secret");
        }
        return new Masked(out.toString(), reasons);
    }
}
