package dev.teller.server.llm.internal;

import dev.teller.intents.cues.MoneyParser;
import dev.teller.kb.index.Analysis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Whether a reworded answer stays within the articles it cites: every figure in it (an amount, a fee, a
 * percentage, a duration, a count) must be one they state, and most of what it says must be in their words. The
 * model is told never to invent a fee, and this is where that is checked; the customer otherwise gets the
 * article's own text.
 *
 * <p>Figures are compared by value and, where both sides name one, by unit, whatever the language and form:
 * {@code £37}, {@code 37 pounds} and {@code 37 GBP} are one figure, as are {@code 10 working days} and
 * {@code 10个工作日}, {@code 3 per cent} and {@code 百分之三}, {@code 1,000} and {@code 1000}, {@code 1万} and
 * {@code 10,000}, {@code 24/7} and {@code 24 hours a day, 7 days a week}. A figure with no unit on one side
 * matches any unit on the other (the articles often write "5" for an amount in the account's currency), but a
 * unit named on both sides must agree: {@code 5 days} is not {@code 5 working days}.
 *
 * <p>Substance is measured on content terms (English: stemmed words without stop words and the chat's own
 * pleasantries; Chinese: character bigrams without the same): at least {@link #MIN_SHARED} of the reply's terms
 * must come from the cited articles, and at least {@link #MIN_SHARE} of them. Measured on rewordings of the
 * shipped articles (those in GroundingTest and LlmEndToEndTest among them): a faithful one keeps 0.86 to 1.0 of
 * its terms in English and 0.67 to 0.91 in Chinese (bigrams that straddle two words lower it); filler ("I can
 * help with that!", "请问还有什么可以帮您") keeps 0 to 0.2, and an answer on another topic that borrows a word or
 * two of the article ("card", "app") 0.13 to 0.5.
 */
public final class Grounding {

    /** Content terms the reply must share with its articles at least, so that a one-liner cannot pass. */
    static final int MIN_SHARED = 3;

    /** The share of the reply's content terms that must come from its articles. */
    static final double MIN_SHARE = 0.6;

    private Grounding() {}

    /** A figure as compared: its value in plain digits, and its unit ("" when the text names none). */
    record Figure(String value, String unit) {

        boolean matches(Figure other) {
            return value.equals(other.value) && (unit.isEmpty() || other.unit.isEmpty() || unit.equals(other.unit));
        }
    }

    /**
     * What was found in a reply.
     *
     * @param unsupported its figures that none of the articles states
     * @param terms its distinct content terms
     * @param shared how many of them the articles hold
     */
    public record Verdict(Set<Figure> unsupported, int terms, int shared) {

        double share() {
            return terms == 0 ? 0 : shared / (double) terms;
        }

        public boolean grounded() {
            return unsupported.isEmpty() && shared >= MIN_SHARED && share() >= MIN_SHARE;
        }
    }

    /** Judges a reply (as the customer would see it, without citation marks) against the articles it cites. */
    public static Verdict judge(String reply, List<String> sources, boolean english) {
        String all = String.join("\n", sources);
        Set<Figure> stated = figures(all);
        Set<Figure> unsupported = new LinkedHashSet<>();
        for (Figure f : figures(reply)) {
            if (stated.stream().noneMatch(f::matches)) {
                unsupported.add(f);
            }
        }
        Set<String> terms = terms(reply, english);
        Set<String> theirs = terms(all, english);
        int shared = (int) terms.stream().filter(theirs::contains).count();
        return new Verdict(unsupported, terms.size(), shared);
    }

    // ---- figures

    /** Unit names as written after a number, by the unit they mean; the longer of two that share a start first. */
    private static final Map<String, String> UNITS = new LinkedHashMap<>();

    static {
        UNITS.put("percent", "%|per\\s?cent\\b|percent\\b|pct\\b");
        UNITS.put("gbp", "pounds?\\b|quid\\b|gbp\\b|英镑|英鎊");
        UNITS.put("usd", "dollars?\\b|usd\\b|美元");
        UNITS.put("eur", "euros?\\b|eur\\b|欧元|歐元");
        UNITS.put("hkd", "hkd\\b|港元|港币|港幣");
        UNITS.put("jpy", "yen\\b|jpy\\b|日元|日圓");
        UNITS.put("cny", "yuan\\b|rmb\\b|cny\\b|块钱|塊錢|元|块|塊|人民币|人民幣");
        UNITS.put("working_day", "(?:working|business|bank)[\\s-]+days?\\b|[个個]?(?:工作日|营业日|營業日)");
        UNITS.put("minute", "minutes?\\b|mins?\\b|分钟|分鐘");
        UNITS.put("hour", "hours?\\b|hrs?\\b|[个個]?(?:小时|小時|钟头|鐘頭)");
        UNITS.put("day", "days?\\b|天|日");
        UNITS.put("week", "weeks?\\b|[个個]?(?:星期|礼拜|禮拜)|周|週");
        UNITS.put("month", "months?\\b|[个個]?月");
        UNITS.put("year", "years?\\b|年");
        UNITS.put("second", "seconds?\\b|secs?\\b|秒");
    }

    private static final Map<String, Pattern> UNIT_PATTERNS = new LinkedHashMap<>();

    static {
        UNITS.forEach((unit, regex) -> UNIT_PATTERNS.put(unit, Pattern.compile(regex)));
    }

    private static final String ANY_UNIT = String.join("|", UNITS.values());

    private static final Pattern FIGURE = Pattern.compile("(?:(?<pre>hk\\$|us\\$|£|\\$|€|¥|人民币|人民幣|港币|港幣"
            + "|(?<![a-z])(?:gbp|usd|eur|cny|rmb|hkd)(?![a-z]))\\s*)?"
            + "(?<![\\d.])(?<num>\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)"
            + "(?:\\s*(?<mult>万|萬|亿|億|千|thousand\\b|million\\b|billion\\b))?"
            + "(?:[\\s-]*(?<unit>" + ANY_UNIT + "))?");

    /** Round the clock, in any of its spellings: the two figures it stands for. */
    private static final Pattern ROUND_THE_CLOCK =
            Pattern.compile("\\b24\\s*/\\s*7\\b|\\b7\\s*[x×*]\\s*24\\b|\\b24\\s*[x×*]\\s*7\\b");

    /** Small numbers in words, English; "one" only before a unit, as it is mostly not a figure ("one of our ATMs"). */
    private static final List<String> WORDS = List.of(
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen");

    private static final List<String> TENS =
            List.of("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety");

    private static final Pattern WORD_NUMBER = Pattern.compile("\\b(?:(?<tens>" + String.join("|", TENS)
            + ")(?:[- ](?<ones>one|two|three|four|five|six|seven|eight|nine))?|(?<small>"
            + String.join("|", WORDS.subList(2, WORDS.size())) + ")|(?<one>one)(?=[\\s-]+(?:" + ANY_UNIT + ")))\\b");

    /**
     * Chinese numerals before a unit (or a range's "到", "至"), or after 百分之: elsewhere they are mostly words
     * (一下, 十分感谢). One never starts with 百 or 千, so that 千万 ("by all means") stays a word.
     */
    private static final Pattern HAN_NUMBER =
            Pattern.compile("(?<pct>百分之)(?<p>[零〇一二三四五六七八九十两兩百]+(?:[点點][零〇一二三四五六七八九]+)?)"
                    + "|(?<n>[零〇一二三四五六七八九十两兩][零〇一二三四五六七八九十两兩百千]*(?:[点點][零〇一二三四五六七八九]+)?)"
                    + "(?=\\s*(?:万|萬|亿|億|到|至|或|-|~|" + ANY_UNIT + "))");

    private static final String HAN_DIGITS = "零一二三四五六七八九";

    /** The figures a text states. */
    static Set<Figure> figures(String text) {
        String t = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        t = ROUND_THE_CLOCK.matcher(t).replaceAll(" 24 hours 7 days ");
        t = HAN_NUMBER
                .matcher(t)
                .replaceAll(m -> m.group("pct") != null ? han(m.group("p")) + "%" : " " + han(m.group("n")) + " ");
        t = WORD_NUMBER.matcher(t).replaceAll(m -> {
            if (m.group("tens") != null) {
                return String.valueOf((TENS.indexOf(m.group("tens")) + 2) * 10
                        + (m.group("ones") == null ? 0 : WORDS.indexOf(m.group("ones"))));
            }
            return String.valueOf(WORDS.indexOf(m.group("small") != null ? m.group("small") : m.group("one")));
        });
        Set<Figure> out = new LinkedHashSet<>();
        Matcher m = FIGURE.matcher(t);
        while (m.find()) {
            BigDecimal value = new BigDecimal(m.group("num").replace(",", ""));
            String mult = m.group("mult");
            if (mult != null) {
                value = value.multiply(BigDecimal.valueOf(
                        switch (mult.strip()) {
                            case "万", "萬" -> 10_000L;
                            case "亿", "億" -> 100_000_000L;
                            case "千", "thousand" -> 1_000L;
                            case "million" -> 1_000_000L;
                            default -> 1_000_000_000L;
                        }));
            }
            String unit = "";
            if (m.group("pre") != null) {
                String pre = m.group("pre");
                String code = MoneyParser.currency(pre);
                unit = code == null ? pre : code.toLowerCase(java.util.Locale.ROOT);
            } else if (m.group("unit") != null) {
                unit = unitOf(m.group("unit"));
            }
            out.add(new Figure(value.stripTrailingZeros().toPlainString(), unit));
        }
        return out;
    }

    private static String unitOf(String written) {
        for (var u : UNIT_PATTERNS.entrySet()) {
            if (u.getValue().matcher(written).matches()) {
                return u.getKey();
            }
        }
        return "";
    }

    /** A Chinese numeral (二十四, 十五, 两百, 三, 零点五): its value in digits. */
    static String han(String numeral) {
        String[] parts = numeral.split("[点點]");
        StringBuilder fraction = new StringBuilder();
        if (parts.length > 1) {
            fraction.append('.');
            parts[1].chars().forEach(c -> fraction.append(c == '〇' ? 0 : HAN_DIGITS.indexOf(c)));
        }
        return MoneyParser.chineseNumber(parts[0]) + fraction.toString();
    }

    // ---- substance

    private static final Analyzer ENGLISH = Analysis.englishIndex();
    private static final Analyzer CHINESE = Analysis.chinese();

    /** What a chat says in any answer: terms that show nothing of an article's substance. */
    private static final Set<String> FILLER_EN = analyzed(
            ENGLISH,
            "i me my you your yours we our us can could would should may might do does did have has had here just "
                    + "so also please thank thanks help helping happy glad sure let know anything else more any all "
                    + "what how question assist great hope hello hi welcome certainly absolutely course information "
                    + "need want like get see");

    private static final Set<String> FILLER_ZH =
            analyzed(CHINESE, "您好 你好 请问 谢谢 感谢 可以 帮您 帮助 为您 我们 您的 如果 需要 问题 还有 其他 什么 这个 那个 没问题 当然 很高兴 乐意 随时 以下 如下 信息");

    /** The content terms of a text: English stems, or Chinese character bigrams and Latin words. */
    static Set<String> terms(String text, boolean english) {
        Set<String> out = new LinkedHashSet<>();
        for (String term : analyzed(english ? ENGLISH : CHINESE, text)) {
            boolean han = term.codePoints().allMatch(Character::isIdeographic);
            boolean word = term.chars().allMatch(c -> c >= 'a' && c <= 'z');
            if ((english
                            ? word && term.length() > 1
                            : (han && term.codePointCount(0, term.length()) == 2) || (word && term.length() > 1))
                    && !(english ? FILLER_EN : FILLER_ZH).contains(term)) {
                out.add(term);
            }
        }
        return out;
    }

    private static Set<String> analyzed(Analyzer analyzer, String text) {
        Set<String> out = new HashSet<>();
        try (TokenStream ts = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
