package dev.teller.server.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorableTextTest {

    @Test
    void nulAndUnpairedSurrogatesBecomeReplacementCharactersAndNothingElseChanges() {
        String fine = "plain, 中文, عربي, 😀 👩‍👩‍👧, <b>, '; --, \u0007\u001b\t\n\u007f";
        assertThat(StorableText.of(fine)).isSameAs(fine);
        assertThat(StorableText.of("a\u0000b")).isEqualTo("a\uFFFDb");
        assertThat(StorableText.of("\ud800")).isEqualTo("\uFFFD");
        assertThat(StorableText.of("x\udc00")).isEqualTo("x\uFFFD");
        assertThat(StorableText.of("\udc00\ud800")).isEqualTo("\uFFFD\uFFFD");
        assertThat(StorableText.of("\ud800\ud83d\ude00\u0000")).isEqualTo("\uFFFD😀\uFFFD");
        assertThat(StorableText.of("😀\ud800")).isEqualTo("😀\uFFFD");
        assertThat(StorableText.of(null)).isNull();
    }
}
