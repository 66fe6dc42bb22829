package dev.teller.intents.cues;

import dev.teller.intents.Money;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the largest sum of money a message mentions: "£2,500", "$40.50", "300 euros", "5k GBP", "2000元",
 * "5万块", "两千五百元", "人民币3000". A bare number without a currency word or sign is not money.
 */
public final class MoneyParser {

    private static final String NUMBER = "(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)";
    private static final String SCALE = "\\s?(k|m|thousand|million|grand|万|千|百)?";
    private static final Pattern SYMBOL_FIRST = Pattern.compile(
            "([£$€¥￥]|rmb|cny|usd|gbp|eur|hkd|人民币|美元|港币|欧元)\\s?" + NUMBER + SCALE, Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBER_FIRST = Pattern.compile(
            NUMBER + SCALE + "\\s?(pounds?|quid|dollars?|bucks|euros?|yuan|rmb|cny|usd|gbp|eur|hkd|元|块钱|块|美元|英镑|欧元|港币)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CHINESE = Pattern.compile("([零〇一二两三四五六七八九十百千万亿]+)(元|块钱|块)");

    private static final Map<String, String> CURRENCY = Map.ofEntries(
            Map.entry("£", "GBP"),
            Map.entry("pound", "GBP"),
            Map.entry("pounds", "GBP"),
            Map.entry("quid", "GBP"),
            Map.entry("gbp", "GBP"),
            Map.entry("英镑", "GBP"),
            Map.entry("$", "USD"),
            Map.entry("dollar", "USD"),
            Map.entry("dollars", "USD"),
            Map.entry("bucks", "USD"),
            Map.entry("usd", "USD"),
            Map.entry("美元", "USD"),
            Map.entry("€", "EUR"),
            Map.entry("euro", "EUR"),
            Map.entry("euros", "EUR"),
            Map.entry("eur", "EUR"),
            Map.entry("欧元", "EUR"),
            Map.entry("¥", "CNY"),
            Map.entry("￥", "CNY"),
            Map.entry("rmb", "CNY"),
            Map.entry("cny", "CNY"),
            Map.entry("yuan", "CNY"),
            Map.entry("元", "CNY"),
            Map.entry("块", "CNY"),
            Map.entry("块钱", "CNY"),
            Map.entry("人民币", "CNY"),
            Map.entry("hkd", "HKD"),
            Map.entry("港币", "HKD"),
            // Traditional forms, and symbols written with their country.
            Map.entry("英鎊", "GBP"),
            Map.entry("歐元", "EUR"),
            Map.entry("人民幣", "CNY"),
            Map.entry("塊", "CNY"),
            Map.entry("塊錢", "CNY"),
            Map.entry("港幣", "HKD"),
            Map.entry("港元", "HKD"),
            Map.entry("hk$", "HKD"),
            Map.entry("us$", "USD"));

    private MoneyParser() {}

    /** The ISO code of a currency's name or symbol ({@code £}, {@code quid}, {@code 人民幣}), or null. */
    public static String currency(String word) {
        return word == null ? null : CURRENCY.get(word.strip().toLowerCase(Locale.ROOT));
    }

    /** The largest amount mentioned, or null. */
    public static Money find(String text) {
        Money best = null;
        Matcher m = SYMBOL_FIRST.matcher(text);
        while (m.find()) {
            best = larger(best, money(m.group(2), m.group(3), m.group(1), m.group()));
        }
        m = NUMBER_FIRST.matcher(text);
        while (m.find()) {
            best = larger(best, money(m.group(1), m.group(2), m.group(3), m.group()));
        }
        m = CHINESE.matcher(text);
        while (m.find()) {
            long value = chineseNumber(m.group(1));
            if (value > 0) {
                best = larger(best, new Money(BigDecimal.valueOf(value), "CNY", m.group()));
            }
        }
        return best;
    }

    private static Money money(String number, String scale, String currency, String trigger) {
        BigDecimal amount = new BigDecimal(number.replace(",", ""));
        if (scale != null) {
            amount = amount.multiply(
                    switch (scale.toLowerCase(Locale.ROOT)) {
                        case "k", "thousand", "grand", "千" -> BigDecimal.valueOf(1_000);
                        case "m", "million" -> BigDecimal.valueOf(1_000_000);
                        case "万" -> BigDecimal.valueOf(10_000);
                        case "百" -> BigDecimal.valueOf(100);
                        default -> BigDecimal.ONE;
                    });
        }
        return new Money(amount.stripTrailingZeros(), CURRENCY.get(currency.toLowerCase(Locale.ROOT)), trigger.strip());
    }

    private static Money larger(Money a, Money b) {
        return a == null || b.amount().compareTo(a.amount()) > 0 ? b : a;
    }

    /** Reads Chinese numerals such as 两千五百, 三万, 十五 (or in traditional characters, 兩萬); 0 when it cannot. */
    public static long chineseNumber(String s) {
        long total = 0;
        long section = 0;
        long digit = 0;
        for (char c : s.toCharArray()) {
            int d = "零一二三四五六七八九".indexOf(c);
            if (c == '〇') {
                d = 0;
            }
            if (c == '两' || c == '兩') {
                d = 2;
            }
            if (d >= 0) {
                digit = d;
                continue;
            }
            long unit = switch (c) {
                case '十' -> 10;
                case '百' -> 100;
                case '千' -> 1_000;
                case '万', '萬' -> 10_000;
                case '亿', '億' -> 100_000_000;
                default -> 0;
            };
            if (unit == 0) {
                return 0;
            }
            if (unit >= 10_000) {
                section = (section + digit) * unit;
                total += section;
                section = 0;
            } else {
                section += (digit == 0 ? 1 : digit) * unit;
            }
            digit = 0;
        }
        return total + section + digit;
    }
}
