package dev.teller.intents.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CardNumbersTest {

    @Test
    void masksLuhnValidCardNumbersInAnyCommonLayout() {
        assertThat(CardNumbers.mask("my card 4111111111111111 was stolen"))
                .isEqualTo("my card **** **** **** 1111 was stolen");
        assertThat(CardNumbers.mask("卡号 4111 1111 1111 1111 被盗刷")).isEqualTo("卡号 **** **** **** 1111 被盗刷");
        assertThat(CardNumbers.mask("5500-0000-0000-0004")).isEqualTo("**** **** **** 0004");
        assertThat(CardNumbers.mask("two: 4111111111111111 and 378282246310005."))
                .isEqualTo("two: **** **** **** 1111 and **** **** **** 0005.");
    }

    @Test
    void leavesOtherNumbersAlone() {
        assertThat(CardNumbers.mask("reference 1234567890123 and phone 13800138000"))
                .isEqualTo("reference 1234567890123 and phone 13800138000");
        assertThat(CardNumbers.mask("41111111111111112222")).isEqualTo("41111111111111112222");
        assertThat(CardNumbers.mask("")).isEmpty();
        assertThat(CardNumbers.mask(null)).isNull();
        assertThat(CardNumbers.containsCardNumber("pay 4111111111111111")).isTrue();
        assertThat(CardNumbers.containsCardNumber("pay 100 CNY")).isFalse();
    }
}
