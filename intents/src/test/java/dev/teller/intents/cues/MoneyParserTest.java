package dev.teller.intents.cues;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teller.intents.Money;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyParserTest {

    private static void money(String text, String amount, String currency) {
        Money m = MoneyParser.find(text);
        assertThat(m).as(text).isNotNull();
        assertThat(m.amount()).as(text).isEqualByComparingTo(new BigDecimal(amount));
        assertThat(m.currency()).as(text).isEqualTo(currency);
    }

    @Test
    void findsAmountsInEnglish() {
        money("they took £2,500 from my account", "2500", "GBP");
        money("charged $40.50 twice", "40.50", "USD");
        money("I lost 300 euros", "300", "EUR");
        money("about 5k GBP is gone", "5000", "GBP");
    }

    @Test
    void findsAmountsInChinese() {
        money("被扣了2000元", "2000", "CNY");
        money("少了5万块", "50000", "CNY");
        money("不见了两千五百元", "2500", "CNY");
        money("人民币3000被转走", "3000", "CNY");
    }

    @Test
    void takesTheLargestAndIgnoresBareNumbers() {
        money("paid £20 and then £1,200 vanished", "1200", "GBP");
        assertThat(MoneyParser.find("my card ending 1234 was declined 3 times")).isNull();
    }

    @Test
    void readsChineseNumerals() {
        assertThat(MoneyParser.chineseNumber("十五")).isEqualTo(15);
        assertThat(MoneyParser.chineseNumber("三万")).isEqualTo(30_000);
        assertThat(MoneyParser.chineseNumber("一千零五")).isEqualTo(1_005);
    }
}
