package dev.teller.server.security;

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
 * Text from outside made storable. JSON may carry what no database column or UTF-8 frame can hold: a NUL
 * ({@code \u0000}, which PostgreSQL refuses in text) and unpaired UTF-16 surrogates ({@code \ud800}, which no UTF-8
 * can encode, so that echoing one back broke the WebSocket with 1011). Every JSON string the server reads, in REST
 * bodies and WebSocket frames alike, has these replaced by U+FFFD; everything else (control characters, emoji,
 * right-to-left text, markup, SQL) is kept as it came, as data.
 */
public final class StorableText {

    static final char REPLACEMENT = '\uFFFD';

    private StorableText() {}

    /** {@code s} with NUL and unpaired surrogates replaced by U+FFFD (the same string when there are none). */
    public static String of(String s) {
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

    /** Query parameters and path variables bound to strings are made storable too (a staff search's {@code q}). */
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
