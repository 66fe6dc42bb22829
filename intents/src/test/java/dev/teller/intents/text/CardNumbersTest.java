package dev.teller.intents.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
        assertThat(CardNumbers.mask("amex 3782 822463 10005 ok")).isEqualTo("amex **** **** **** 0005 ok");
        assertThat(CardNumbers.mask("银联 6222 0212 3456 7890 128")).isEqualTo("银联 **** **** **** 0128");
    }

    /** The forms a security review typed, each of which was once stored whole. */
    @Test
    void masksEveryFormAPersonTypes() {
        List<String> forms = List.of(
                "4111.1111.1111.1111",
                "4111/1111/1111/1111",
                "4111_1111_1111_1111",
                "4111  1111  1111  1111",
                "4111\u00A01111\u00A01111\u00A01111",
                "4111\u202F1111\u202F1111\u202F1111",
                "4111\u200B1111\u200B1111\u200B1111",
                "4\u200B1\u200B1\u200B1\u200B1\u200B1\u200B1\u200B1\u200B1\u200B1\u200B1\u200B1\u200B1\u200B1\u200B1\u200B1",
                "4111-1111 1111.1111",
                "4111 – 1111 — 1111 − 1111",
                "4111 1111\n1111 1111",
                "4111 1111\r\n1111 1111",
                "４１１１ １１１１ １１１１ １１１１",
                "４１１１\u3000１１１１\u3000１１１１\u3000１１１１",
                "٤١١١ ١١١١ ١١١١ ١١١١",
                "۴۱۱۱۱۱۱۱۱۱۱۱۱۱۱۱",
                "四一一一一一一一一一一一一一一一",
                "四一一一 一一一一 一一一一 一一一一",
                "肆壹壹壹壹壹壹壹壹壹壹壹壹壹壹壹",
                "四幺幺幺 幺幺幺幺 幺幺幺幺 幺幺幺幺",
                "4111%201111%201111%201111",
                "4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1",
                "41 11 11 11 11 11 11 11",
                "④①①①①①①①①①①①①①①①",
                "4111１１１１1111١١١١",
                "4111\u00AD1111\u00AD1111\u00AD1111");
        for (String form : forms) {
            String masked = CardNumbers.mask("card " + form + " please");
            assertThat(masked).as(form).isEqualTo("card **** **** **** 1111 please");
            assertThat(CardNumbers.containsCardNumber("x " + form)).as(form).isTrue();
        }
        assertThat(CardNumbers.mask("卡号四一一一一一一一一一一一一一一一被盗")).isEqualTo("卡号**** **** **** 1111被盗");
        assertThat(CardNumbers.mask("第一4111111111111111")).isEqualTo("第一**** **** **** 1111");
    }

    @Test
    void aCardBesideOtherNumbersIsStillFound() {
        assertThat(CardNumbers.mask("4111 1111 1111 1111 2026 was the year"))
                .isEqualTo("**** **** **** 1111 2026 was the year");
        assertThat(CardNumbers.mask("on 12 05 card 4111 1111 1111 1111"))
                .isEqualTo("on 12 05 card **** **** **** 1111");
        assertThat(CardNumbers.mask("order 4111111111111111")).isEqualTo("order **** **** **** 1111");
        assertThat(CardNumbers.mask("id 123e4567-e89b-12d3-a456-426614174000 card 4111 1111 1111 1111"))
                .isEqualTo("id 123e4567-e89b-12d3-a456-426614174000 card **** **** **** 1111");
    }

    @Test
    void leavesOtherNumbersAlone() {
        for (String kept : List.of(
                "reference 1234567890123 and phone 13800138000",
                "41111111111111112222",
                "call +86 139 1234 5602 tonight",
                "call +8613912345602",
                "call (+86) 139-1234-5602",
                "8613912345602",
                "my number 8613800138002",
                "+44 7911 123456 or 07911 123456",
                "from 20261201-20260106",
                "2026.12.01-2026.01.06",
                "2026-12-07 15:30 I paid ¥1,500.00",
                "订单号 7310248819203455663",
                "order no. 7310248819203455663",
                "tracking: 7310248819203455663",
                "complaint C-2026-000123 about 3 payments of 500 GBP",
                "0123456789012345 starts with zero",
                "2,026,120,715,308 yuan",
                "¥1 500 000 000 000",
                "conversation 123e4567-e89b-12d3-a456-426614174007 done",
                "ids 12345678-1234-1232-1234-123456789012, 12345678-1234-1232-1234-123456789012",
                "at 2026-12-07T16:35:57.123Z from 192.168.100.200:8080")) {
            assertThat(CardNumbers.mask(kept)).as(kept).isEqualTo(kept);
        }
        assertThat(CardNumbers.mask("")).isEmpty();
        assertThat(CardNumbers.mask(null)).isNull();
        assertThat(CardNumbers.containsCardNumber("pay 4111111111111111")).isTrue();
        assertThat(CardNumbers.containsCardNumber("pay 100 CNY")).isFalse();
    }

    @Test
    void aMaskedNumberIsRecognised() {
        assertThat(CardNumbers.MASKED
                        .matcher(CardNumbers.mask("4111111111111111"))
                        .matches())
                .isTrue();
        assertThat(CardNumbers.mask("**** **** **** 1111")).isEqualTo("**** **** **** 1111");
    }

    @Test
    void schemesIssueTheseLengths() {
        assertThat(CardNumbers.issuable("4111111111111111")).isTrue();
        assertThat(CardNumbers.issuable("6222021234567890128")).isTrue();
        assertThat(CardNumbers.issuable("378282246310005")).isTrue();
        assertThat(CardNumbers.issuable("7310248819203455663")).isFalse();
        assertThat(CardNumbers.issuable("1765123456789")).isFalse();
    }
}
