package dev.teller.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void cardNumbersAndNamedSecretsAreMasked() {
        Masking.Masked m = Masking.mask("card 4111-1111-1111-1111, my pin is 4321 and password: hunter22");
        assertThat(m.text()).doesNotContain("4111-1111").doesNotContain("4321").doesNotContain("hunter22");
        assertThat(m.reasons()).containsExactly("card_number", "secret");
        assertThat(Masking.mask("我的密码是 889900").text()).doesNotContain("889900");
        assertThat(Masking.mask("我的支付密码为889900，安全码是 123").text())
                .doesNotContain("889900")
                .doesNotContain("123");
        assertThat(Masking.mask("password: Tr0ub&dor").text()).doesNotContain("Tr0ub&dor");
        assertThat(Masking.mask("my password is not working").changed()).isFalse();
        assertThat(Masking.mask("密码忘了怎么办").changed()).isFalse();
        assertThat(Masking.mask("how do I change my PIN?").changed()).isFalse();
    }

    @Test
    void aBareCodeIsMaskedOnlyWhenTheMessageBeforeAskedForOne() {
        assertThat(Masking.asksForSecret("Please enter the one-time code we sent you"))
                .isTrue();
        assertThat(Masking.asksForSecret("What's your CVV?")).isTrue();
        assertThat(Masking.asksForSecret("请提供短信验证码")).isTrue();
        assertThat(Masking.asksForSecret("How to change my PIN\nYou can change your PIN at any cash machine."))
                .isFalse();
        Masking.Masked code = Masking.mask("it's 482 913", true);
        assertThat(code.text()).isEqualTo("it's ****");
        assertThat(code.reasons()).containsExactly("secret");
        assertThat(Masking.mask("it's 482 913", false).text()).isEqualTo("it's 482 913");
        assertThat(Masking.mask("I paid 150 yesterday", false).changed()).isFalse();
    }
}
