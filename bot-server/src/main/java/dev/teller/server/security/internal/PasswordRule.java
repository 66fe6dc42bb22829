package dev.teller.server.security.internal;

import com.nulabinc.zxcvbn.Pattern;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * What a staff password must be: 12 to 64 characters and at most 72 bytes in UTF-8 (bcrypt reads no further), not
 * blank, not the username, not on the list of common passwords and not easy to guess. The last two are judged by
 * zxcvbn (Dropbox's estimator, its Java port): its dictionaries hold the 30,000 most common passwords, and it
 * scores a password from 0 to 4 by the guesses an attacker who knows such patterns would need; under 3 is refused.
 */
public final class PasswordRule {

    private PasswordRule() {}

    static final int MIN_CHARS = 12;
    static final int MAX_CHARS = 64;
    static final int MAX_BYTES = 72;
    static final int MIN_SCORE = 3;

    /** Loaded on first use: its dictionaries take a tenth of a second to read, and most runs never need them. */
    private static final class Estimator {
        static final Zxcvbn ZXCVBN = new Zxcvbn();
    }

    /**
     * False for input bcrypt would refuse outright (over 72 bytes): no password of ours is that long, so at login it
     * is simply a wrong one.
     */
    static boolean fitsBcrypt(String raw) {
        return raw.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }

    /** Refuses {@code password} for {@code username} with a 400 problem detail that says why, unless it follows the rule. */
    public static void require(String username, String password) {
        problem(username, password).ifPresent(p -> {
            throw Problems.of(HttpStatus.BAD_REQUEST, "Password not accepted", p);
        });
    }

    /** Why {@code password} is not accepted for {@code username}, in words that say what to do; empty if it is. */
    public static Optional<String> problem(String username, String password) {
        if (password == null || password.isEmpty()) {
            return Optional.of(
                    "A password is needed: choose one of " + MIN_CHARS + " to " + MAX_CHARS + " characters.");
        }
        if (password.isBlank()) {
            return Optional.of("The password is only spaces: choose one of " + MIN_CHARS + " to " + MAX_CHARS
                    + " characters with letters, digits or symbols in it.");
        }
        int chars = password.codePointCount(0, password.length());
        if (chars < MIN_CHARS || chars > MAX_CHARS) {
            return Optional.of("The password has " + chars + " characters: it must have " + MIN_CHARS + " to "
                    + MAX_CHARS + ". A few unusual words together make a long one that is easy to remember.");
        }
        int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            return Optional.of("The password takes " + bytes + " bytes in UTF-8, over the " + MAX_BYTES
                    + " that bcrypt can check (letters outside English take 2 to 4 bytes each): make it shorter.");
        }
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (password.strip().toLowerCase(Locale.ROOT).equals(name)) {
            return Optional.of("The password is the username: choose one that has nothing to do with it.");
        }
        Strength s = Estimator.ZXCVBN.measure(password, name.isEmpty() ? List.of("teller") : List.of(name, "teller"));
        if (s.getSequence().size() == 1 && "passwords".equals(s.getSequence().get(0).dictionaryName)) {
            return Optional.of("This is one of the most common passwords, the first an attacker tries: choose another"
                    + " (a few unusual words together are strong and easy to remember).");
        }
        if (s.getSequence().size() == 1 && s.getSequence().get(0).pattern == Pattern.Dictionary) {
            return Optional.of("The password is a single word or name that attackers have in their lists: add two"
                    + " or three unusual words to it.");
        }
        if (s.getScore() < MIN_SCORE) {
            List<String> why = new ArrayList<>();
            if (!s.getFeedback().getWarning(Locale.ENGLISH).isEmpty()) {
                why.add(s.getFeedback().getWarning(Locale.ENGLISH));
            }
            why.addAll(s.getFeedback().getSuggestions(Locale.ENGLISH));
            return Optional.of("The password is too easy to guess (strength " + s.getScore() + " of 4, " + MIN_SCORE
                    + " needed). " + String.join(" ", why)
                    + (why.isEmpty() ? "Add two or three unusual words to it." : ""));
        }
        return Optional.empty();
    }
}
