package dev.teller.server.privacy.internal;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.teller.intents.text.CardNumbers;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * The last line of defence for the logs: every log line's message and stack trace is written with its card
 * numbers masked, whoever logged it (a library echoing a request it could not parse, a DEBUG line of a
 * framework). Teller's own code logs no customer text; this catches what others do. Registered in
 * {@code logback-spring.xml} for the conversion words {@code %m} and {@code %wEx}.
 */
public final class MaskedLogs {

    private MaskedLogs() {}

    /** {@code %m}, {@code %msg}, {@code %message} with card numbers masked. */
    public static final class Message extends MessageConverter {
        @Override
        public String convert(ILoggingEvent event) {
            return CardNumbers.mask(super.convert(event));
        }
    }

    /** {@code %wEx}: a stack trace, its messages masked. */
    public static final class Throwable extends ExtendedWhitespaceThrowableProxyConverter {
        @Override
        protected String throwableProxyToString(IThrowableProxy tp) {
            return CardNumbers.mask(super.throwableProxyToString(tp));
        }
    }
}
