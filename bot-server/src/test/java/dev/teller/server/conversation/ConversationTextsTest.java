package dev.teller.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.teller.server.conversation.internal.DialoguePolicyTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The bundle messages/conversation: every reply in all three languages, each pattern well formed. */
class ConversationTextsTest {

    static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)}");

    static Map<String, String> bundle(String suffix) throws IOException {
        try (InputStream in = ConversationTextsTest.class.getResourceAsStream(
                "/" + ConversationTexts.BUNDLE + suffix + ".properties")) {
            assertThat(in).as(ConversationTexts.BUNDLE + suffix).isNotNull();
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> out = new TreeMap<>();
            p.forEach((k, v) -> out.put((String) k, (String) v));
            return out;
        }
    }

    static Set<String> arguments(String pattern) {
        Matcher m = ARGUMENT.matcher(pattern);
        return m.results().map(r -> r.group(1)).collect(Collectors.toSet());
    }

    /** What the customer reads in Chinese is there in simplified and traditional, with the same arguments. */
    @Test
    void everyReplyAndReasonIsInEnglishSimplifiedAndTraditionalChinese() throws IOException {
        Map<String, String> english = bundle("");
        Map<String, String> translated = new TreeMap<>(english);
        translated
                .keySet()
                .removeIf(k -> !k.startsWith("conversation.reply.") && !k.startsWith("conversation.reason."));
        assertThat(translated).hasSizeGreaterThan(20);
        for (String suffix : new String[] {"_zh_CN", "_zh_TW"}) {
            Map<String, String> chinese = bundle(suffix);
            assertThat(chinese.keySet()).as(suffix).isEqualTo(translated.keySet());
            chinese.forEach((k, v) -> {
                assertThat(arguments(v)).as(suffix + " " + k).isEqualTo(arguments(english.get(k)));
                assertThat(v).as(suffix + " " + k).containsPattern("\\p{IsHan}");
            });
        }
    }

    /**
     * A text with arguments is a MessageFormat pattern, where a lone apostrophe would swallow what follows: each is
     * doubled there, and only there.
     */
    @Test
    void apostrophesAreDoubledExactlyWhereTheTextTakesArguments() throws IOException {
        for (String suffix : new String[] {"", "_zh_CN", "_zh_TW"}) {
            bundle(suffix).forEach((k, v) -> {
                if (arguments(v).isEmpty()) {
                    assertThat(v).as(suffix + " " + k).doesNotContain("''");
                    return;
                }
                String formatted = new MessageFormat(v, Locale.ROOT).format(new Object[] {"A", "B"});
                assertThat(formatted).as(suffix + " " + k).doesNotContain("{");
                assertThat(formatted.chars().filter(c -> c == '\'').count())
                        .as(suffix + " " + k + ": every apostrophe doubled")
                        .isEqualTo(v.split("''", -1).length - 1L);
            });
        }
    }

    @Test
    void theServerReadsEnglishAndSimplifiedChineseAndTheTraditionalIsReady() {
        ConversationTexts texts = DialoguePolicyTest.texts();
        assertThat(texts.text(true, "reply.complaint.added", "C-2026-000042"))
                .isEqualTo("Thank you. I've added this to your complaint C-2026-000042, and the colleague handling it"
                        + " will see it. If this is a different problem, tell me you want to make a new complaint.");
        assertThat(texts.text(false, "reply.complaint.ask.amount")).isEqualTo("涉及的金额是多少？");
        assertThat(texts.english("refused.too-long", "2345", "2000"))
                .contains("2345 characters")
                .contains("2000");
        var traditional = new org.springframework.context.support.ResourceBundleMessageSource();
        traditional.setBasename(ConversationTexts.BUNDLE);
        traditional.setDefaultEncoding("UTF-8");
        assertThat(traditional.getMessage("conversation.reply.complaint.ask.amount", null, Locale.TRADITIONAL_CHINESE))
                .isEqualTo("涉及的金額是多少？");
    }
}
