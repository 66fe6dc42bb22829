package dev.teller.server.privacy;

import dev.teller.intents.text.CardNumbers;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what must never be stored, logged, indexed or sent on: card numbers (Luhn-valid), a CVV, PIN, password
 * or one-time code written after its name, and a bare code sent in answer to a message that asked for one.
 * Applied to every customer message on arrival.
 */
public final class Masking {

    /** A masked text and why it was masked (empty when nothing was). */
    public record Masked(String text, List<String> reasons) {
        public boolean changed() {
            return !reasons.isEmpty();
        }
    }

    private static final Pattern SECRET =
            Pattern.compile("(?iu)(\\b(?:cvv2?|cvc2?|pin|passcode|password|one[- ]time code|otp)|验证码|密码|安全码|动态码)"
                    + "(\\s*(?:is|=|:|：|是|为)?\\s*)([^\\s\\p{IsHan}，。、；！？,;!?]{3,})");

    /** A message that asks for a secret ("what's your CVV?", "请提供验证码"), so the next message may be one. */
    private static final Pattern SECRET_PROMPT = Pattern.compile(
            "(?iu)\\b(enter|send|give|tell|type|provide|confirm|share|read out|what(?:'s| is))\\b[^.?!\\n]{0,30}"
                    + "\\b(cvv2?|cvc2?|pin|passcode|password|security code|one[- ]time code|otp|verification code|code)\\b"
                    + "|(提供|输入|告诉|发送|报一下|说一下)[^。？！\\n]{0,10}(验证码|密码|安全码|动态码)");

    /** A run of digits that could be a code (3 to 8 digits, maybe spaced), standing on its own. */
    private static final Pattern BARE_CODE =
            Pattern.compile("(?<![\\p{L}\\p{N}])\\d(?:[ -]?\\d){2,7}(?![\\p{L}\\p{N}])");

    private Masking() {}

    /** Whether a message (the bot's or an agent's) asks for a secret, so the answer to it must be masked. */
    public static boolean asksForSecret(String text) {
        return text != null && SECRET_PROMPT.matcher(text).find();
    }

    /**
     * Masks a customer message; {@code answersSecretPrompt} when the message before it asked for a code, so
     * that a bare "123" or "4 5 6 7" is hidden too.
     */
    public static Masked mask(String text, boolean answersSecretPrompt) {
        Masked m = mask(text);
        if (!answersSecretPrompt) {
            return m;
        }
        Matcher bare = BARE_CODE.matcher(m.text());
        if (!bare.find()) {
            return m;
        }
        List<String> reasons = new ArrayList<>(m.reasons());
        if (!reasons.contains("secret")) {
            reasons.add("secret");
        }
        return new Masked(bare.replaceAll("****"), reasons);
    }

    /**
     * Whether the word after a secret's name is the secret: it has a digit, or (after "password") it is a
     * password-like run of printable ASCII with a digit, capital or symbol. "my password is not working" and
     * "密码忘了" are not masked.
     */
    private static boolean looksSecret(String token, boolean password) {
        if (token.chars().anyMatch(c -> c >= '0' && c <= '9')) {
            return true;
        }
        return password
                && token.matches("[\\x21-\\x7E]{6,}")
                && token.chars().anyMatch(c -> Character.isUpperCase(c) || !Character.isLetterOrDigit(c));
    }

    public static Masked mask(String text) {
        List<String> reasons = new ArrayList<>();
        String s = CardNumbers.mask(text);
        // Text from outside arrives with its card numbers masked already (StorableText): the customer is still
        // told that one was hidden.
        if (!s.equals(text) || (text != null && CardNumbers.MASKED.matcher(text).find())) {
            reasons.add("card_number");
        }
        Matcher m = SECRET.matcher(s);
        StringBuilder out = new StringBuilder();
        boolean secret = false;
        while (m.find()) {
            if (looksSecret(m.group(3), m.group(1).matches("(?i)password|passcode|密码"))) {
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
