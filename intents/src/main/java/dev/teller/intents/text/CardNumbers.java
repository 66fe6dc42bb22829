package dev.teller.intents.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks payment card numbers in every form a person types them: 13 to 19 digits that pass the Luhn check keep
 * only their last four ({@code **** **** **** 1234}). Applied before a text is stored, logged, indexed or sent.
 *
 * <p>Digits are any script's decimal digits (ASCII, full-width {@code ４１１１} from Chinese keyboards, Arabic-Indic
 * and the others Unicode has), circled and superscript digits, and Chinese numerals ({@code 四一一一}, {@code 幺},
 * {@code 〇}, the formal {@code 肆壹}). Between groups of digits a person may put spaces of any width (no-break,
 * ideographic, doubled), zero-width and other invisible characters, hyphens and dashes, dots, slashes,
 * underscores, a line break, or a URL-encoded space ({@code %20}), mixed as they like.
 *
 * <p>What is not taken for a card: a run whose groups look like something else (a date {@code 2026-12-07}: a
 * card's groups are three digits or more, or all one or all two digits), a number starting with 0, a phone
 * number written with its {@code +} country code (at most 15 digits) or as {@code 86} and a Chinese mobile, two
 * dates {@code 20261201-20261231}, and a number after a word such as "order" or "订单号" whose first digits no card
 * scheme issues for its length. A run longer than 19 digits with no separator inside is one long number, not a card.
 */
public final class CardNumbers {

    /** What a masked card number becomes, before its last four digits. */
    public static final String MASK = "**** **** **** ";

    /** A card number as {@link #mask} leaves it. */
    public static final Pattern MASKED = Pattern.compile("\\*{4} \\*{4} \\*{4} [0-9]{4}");

    /** A UUID, whose digits are an identifier's (a conversation id in a frame, a log line). */
    private static final Pattern UUID = Pattern.compile(
            "(?i)(?<![0-9a-f])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-f])");

    private static final int MIN = 13;
    private static final int MAX = 19;
    /** Separator characters (or %20s) between two groups at most; invisible characters do not count. */
    private static final int MAX_GAP = 4;

    /** Words after which a number is an order, reference or tracking number, not a card, unless a card could have it. */
    private static final Pattern NOT_A_CARD_BEFORE =
            Pattern.compile("(?iu)(order|ref(erence)?|tracking|transaction|txn|invoice|receipt|serial|waybill|parcel|"
                    + "订单|單號|单号|流水|交易号|交易號|运单|運單|快递|快遞|物流|参考号|參考號|发票|發票|序列号)"
                    + "[\\s\\p{Punct}\\p{IsPunctuation}号號码碼no.#:：]{0,8}$");

    private CardNumbers() {}

    /** A run of digits with where it starts and ends in the text (exclusive) and its digits in ASCII. */
    private record Group(int start, int end, String digits) {}

    /** The text with every card number masked; other text is unchanged. Null stays null. */
    public static String mask(String text) {
        if (text == null || text.length() < MIN || !enoughDigits(text)) {
            return text;
        }
        StringBuilder out = null;
        int last = 0;
        for (List<Group> chain : chains(text)) {
            int i = 0;
            while (i < chain.size()) {
                int end = longestCard(text, chain, i);
                if (end < 0) {
                    i++;
                    continue;
                }
                Group first = chain.get(i);
                Group lastGroup = chain.get(end);
                String digits = digits(chain, i, end);
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, last, first.start()).append(MASK).append(digits, digits.length() - 4, digits.length());
                last = lastGroup.end();
                i = end + 1;
            }
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    /** Whether a text holds something that looks like a whole card number. */
    public static boolean containsCardNumber(String text) {
        return text != null && !mask(text).equals(text);
    }

    /** The value of a code point read as a digit (any script, Chinese numerals), or -1. */
    static int digit(int cp) {
        if (cp >= '0' && cp <= '9') {
            return cp - '0';
        }
        if (cp < 0x80) {
            return -1;
        }
        int type = Character.getType(cp);
        if (type == Character.DECIMAL_DIGIT_NUMBER) {
            return Character.digit(cp, 10);
        }
        if (type == Character.OTHER_NUMBER) {
            int v = Character.getNumericValue(cp);
            // Circled, parenthesised, superscript and subscript digits; not ⑩ or ½.
            return v >= 0 && v <= 9 ? v : -1;
        }
        return switch (cp) {
            case '〇', '零' -> 0;
            case '一', '壹', '幺' -> 1;
            case '二', '贰', '貳', '两', '兩' -> 2;
            case '三', '叁', '參' -> 3;
            case '四', '肆' -> 4;
            case '五', '伍' -> 5;
            case '六', '陆', '陸' -> 6;
            case '七', '柒' -> 7;
            case '八', '捌' -> 8;
            case '九', '玖' -> 9;
            default -> -1;
        };
    }

    /** Characters that take no room on screen: zero-width spaces and joiners, soft hyphens, direction marks. */
    private static boolean invisible(int cp) {
        return Character.getType(cp) == Character.FORMAT;
    }

    /** Characters a person puts between groups of a card number's digits. */
    private static boolean separator(int cp) {
        if (cp == ' ' || cp == '-' || cp == '.' || cp == '/' || cp == '_' || cp == '\t' || cp == '\n' || cp == '\r') {
            return true;
        }
        if (cp < 0x80) {
            return cp == '\\';
        }
        int type = Character.getType(cp);
        return Character.isSpaceChar(cp)
                || Character.isWhitespace(cp)
                || type == Character.DASH_PUNCTUATION
                || type == Character.CONNECTOR_PUNCTUATION
                || cp == '\u2212' // minus sign
                || cp == '\u00B7' // middle dot
                || cp == '\u2027' // hyphenation point
                || cp == '\u2024' // one dot leader
                || cp == '\u30FB' // katakana middle dot
                || cp == '\uFF65' // half-width katakana middle dot
                || cp == '\u3002' // ideographic full stop
                || cp == '\uFF0E' // full-width full stop
                || cp == '\uFF61' // half-width ideographic full stop
                || cp == '\uFF0F' // full-width solidus
                || cp == '\uFF3C'; // full-width reverse solidus
    }

    /** At least 13 characters that read as digits: most texts stop here. */
    private static boolean enoughDigits(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (digit(cp) >= 0 && ++n >= MIN) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    /** Chinese numerals, which start a group of their own beside other digits (一 in 第一 is not a card's). */
    private static boolean chinese(int cp) {
        return Character.isIdeographic(cp) || cp == '〇';
    }

    /**
     * The runs of digit groups in the text: groups joined only by separators (at most {@link #MAX_GAP} of them,
     * invisible characters not counted), in order. A group is digits of one kind (Chinese numerals, or digits of
     * any script), invisible characters allowed inside it.
     */
    private static List<List<Group>> chains(String text) {
        List<List<Group>> chains = new ArrayList<>();
        List<Group> chain = new ArrayList<>();
        int n = text.length();
        Matcher uuid = text.length() >= 36 && text.indexOf('-') >= 0 ? UUID.matcher(text) : null;
        int uuidStart = -1;
        int uuidEnd = -1;
        int i = 0;
        while (i < n) {
            if (uuid != null && i >= uuidEnd) {
                if (uuid.find(i)) {
                    uuidStart = uuid.start();
                    uuidEnd = uuid.end();
                } else {
                    uuid = null;
                }
            }
            if (i == uuidStart) {
                // An identifier, not a number: it neither is a card nor joins one.
                if (!chain.isEmpty()) {
                    chains.add(chain);
                    chain = new ArrayList<>();
                }
                i = uuidEnd;
                continue;
            }
            int cp = text.codePointAt(i);
            if (digit(cp) < 0) {
                i += Character.charCount(cp);
                continue;
            }
            boolean kind = chinese(cp);
            StringBuilder digits = new StringBuilder();
            int start = i;
            int end = i;
            while (i < n) {
                int c = text.codePointAt(i);
                int d = digit(c);
                if (d >= 0 && chinese(c) == kind) {
                    digits.append((char) ('0' + d));
                    i += Character.charCount(c);
                    end = i;
                } else if (d < 0 && invisible(c)) {
                    i += Character.charCount(c);
                } else {
                    break;
                }
            }
            chain.add(new Group(start, end, digits.toString()));
            // What follows: separators up to the next digit keep the chain going; anything else ends it.
            int gap = 0;
            int j = end;
            boolean joined = false;
            while (j < n && gap <= MAX_GAP) {
                if (text.startsWith("%20", j)) {
                    gap++;
                    j += 3;
                    continue;
                }
                int c = text.codePointAt(j);
                if (digit(c) >= 0) {
                    joined = true;
                    break;
                }
                if (invisible(c)) {
                    j += Character.charCount(c);
                } else if (separator(c)) {
                    gap++;
                    j += Character.charCount(c);
                } else {
                    break;
                }
            }
            if (!joined || gap > MAX_GAP || j == uuidStart) {
                chains.add(chain);
                chain = new ArrayList<>();
            }
            i = j;
        }
        if (!chain.isEmpty()) {
            chains.add(chain);
        }
        return chains;
    }

    /** The last group of the longest card number that starts at group {@code from}, or -1 when none does. */
    private static int longestCard(String text, List<Group> chain, int from) {
        int total = 0;
        int best = -1;
        for (int to = from; to < chain.size(); to++) {
            total += chain.get(to).digits().length();
            if (total > MAX) {
                break;
            }
            if (total >= MIN && card(text, chain, from, to)) {
                best = to;
            }
        }
        return best;
    }

    private static String digits(List<Group> chain, int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int k = from; k <= to; k++) {
            s.append(chain.get(k).digits());
        }
        return s.toString();
    }

    /** Whether groups {@code from..to} of a chain are a card number. */
    private static boolean card(String text, List<Group> chain, int from, int to) {
        String d = digits(chain, from, to);
        if (d.charAt(0) == '0' || !luhn(d) || !cardShaped(chain, from, to)) {
            return false;
        }
        String before = text.substring(
                Math.max(0, chain.get(from).start() - 24), chain.get(from).start());
        if (d.length() <= 15
                && before.stripTrailing().replaceAll("[(\\s]+$", "").endsWith("+")) {
            return false; // +86 138 0013 8000, +44 7911 123456: a phone number with its country code
        }
        if (d.length() == 13 && d.matches("861[3-9]\\d{9}")) {
            return false; // 86 and a Chinese mobile, without the +
        }
        if (allDates(chain, from, to)) {
            return false;
        }
        return !(NOT_A_CARD_BEFORE.matcher(before).find() && !issuable(d));
    }

    /**
     * Groups as people write a card number: of three digits or more (the last may be shorter), or all of one
     * digit, or all of two; never the 4-2-2 of a date.
     */
    private static boolean cardShaped(List<Group> chain, int from, int to) {
        if (from == to) {
            return true;
        }
        boolean ones = true;
        boolean twos = true;
        boolean threesUp = true;
        for (int k = from; k <= to; k++) {
            int len = chain.get(k).digits().length();
            boolean lastGroup = k == to;
            ones &= len == 1;
            twos &= len == 2 || (lastGroup && len == 1);
            threesUp &= len >= 3 || lastGroup;
        }
        return ones || twos || threesUp;
    }

    /** Two or more groups that are each a date written as yyyyMMdd (a period such as 20261201-20261231). */
    private static boolean allDates(List<Group> chain, int from, int to) {
        if (from == to) {
            return false;
        }
        for (int k = from; k <= to; k++) {
            String g = chain.get(k).digits();
            if (!g.matches("(19|20)\\d\\d(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01])")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a card scheme issues numbers of this length with these first digits (Visa, Mastercard, American
     * Express, UnionPay, JCB, Discover, Diners, Maestro, Mir, RuPay, UATP and others); used only to tell an order
     * or reference number from a card number written after such a word.
     */
    static boolean issuable(String d) {
        int len = d.length();
        int two = Integer.parseInt(d.substring(0, 2));
        int four = Integer.parseInt(d.substring(0, 4));
        return switch (d.charAt(0)) {
            case '1' -> len == 15; // UATP
            case '2' -> (four >= 2200 && four <= 2204) || (four >= 2221 && four <= 2720 && len == 16);
            case '3' ->
                two == 30
                        || two == 36
                        || two == 38
                        || two == 39
                        || (two == 34 || two == 37) && len == 15
                        || (four >= 3528 && four <= 3589);
            case '4' -> len == 13 || len >= 16;
            case '5' -> len >= 16;
            case '6' -> len >= 16;
            case '8' -> two == 81 || two == 82;
            case '9' -> four == 9792;
            default -> false;
        };
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
