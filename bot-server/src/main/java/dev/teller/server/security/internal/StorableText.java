package dev.teller.server.security.internal;

import dev.teller.intents.text.CardNumbers;
import java.beans.PropertyEditorSupport;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.StringNode;

/**
 * Text from outside made storable and safe to keep: the one step every string a customer or a member of staff
 * writes passes on its way in, whichever field, channel or API it comes through (REST bodies, WebSocket frames,
 * query parameters and path variables).
 *
 * <ul>
 *   <li>Card numbers are masked ({@link CardNumbers}: every script's digits and Chinese numerals, any separators),
 *       so that no name, contact, note, reason, resolution text or message id can carry one into storage, logs,
 *       the index or a reply. Passwords alone are read as typed ({@link Secret}): they are only ever hashed.
 *   <li>JSON may carry what no database column or UTF-8 frame can hold: a NUL ({@code \u0000}, which PostgreSQL
 *       refuses in text) and unpaired UTF-16 surrogates ({@code \ud800}, which no UTF-8 can encode, so that echoing
 *       one back broke the WebSocket with 1011). These become U+FFFD.
 * </ul>
 *
 * Everything else (control characters, emoji, right-to-left text, markup, SQL) is kept as it came, as data.
 */
public final class StorableText {

    static final char REPLACEMENT = '\uFFFD';

    private StorableText() {}

    /** {@code s} with card numbers masked and NUL and unpaired surrogates replaced by U+FFFD. */
    public static String of(String s) {
        return CardNumbers.mask(encodable(s));
    }

    /** {@code s} with NUL and unpaired surrogates replaced by U+FFFD (the same string when there are none). */
    static String encodable(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = null;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char ch = s.charAt(i);
            if (Character.isHighSurrogate(ch) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                if (out != null) {
                    out.append(ch).append(s.charAt(i + 1));
                }
                i++;
                continue;
            }
            boolean bad = ch == 0 || Character.isSurrogate(ch);
            if (bad && out == null) {
                out = new StringBuilder(n).append(s, 0, i);
            }
            if (out != null) {
                out.append(bad ? REPLACEMENT : ch);
            }
        }
        return out == null ? s : out.toString();
    }

    /**
     * Query parameters and path variables bound to strings are made storable too (a staff search's {@code q}, a
     * ticket number that is not one).
     */
    @ControllerAdvice
    static class Parameters {
        @InitBinder
        void storable(WebDataBinder binder) {
            binder.registerCustomEditor(String.class, new PropertyEditorSupport() {
                @Override
                public void setAsText(String text) {
                    setValue(of(text));
                }
            });
        }
    }

    /** The application's JSON reads storable strings, into records and into trees. */
    @Configuration(proxyBeanMethods = false)
    static class Json {
        @Bean
        JsonMapperBuilderCustomizer storableStrings() {
            return builder -> builder.nodeFactory(new Nodes())
                    .addModule(new SimpleModule("storable-text").addDeserializer(String.class, new Strings()));
        }
    }

    /**
     * For a password field ({@code @JsonDeserialize(using = StorableText.Secret.class)}): read as typed but for
     * NUL and unpaired surrogates, never masked, since it is only hashed and a masked password would not be the
     * one its owner types at login.
     */
    public static final class Secret extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            return encodable(super.deserialize(p, ctxt));
        }
    }

    private static final class Strings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            return of(super.deserialize(p, ctxt));
        }
    }

    private static final class Nodes extends JsonNodeFactory {
        @Override
        public StringNode stringNode(String text) {
            return super.stringNode(of(text));
        }
    }
}
