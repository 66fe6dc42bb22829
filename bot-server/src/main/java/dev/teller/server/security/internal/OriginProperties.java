package dev.teller.server.security.internal;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which web pages may open the chat socket ({@code teller.allowed-origins}, or {@code TELLER_ALLOWED_ORIGINS}
 * comma-separated).
 *
 * @param allowedOrigins origin patterns of the bank's pages that embed the widget, such as
 *     {@code https://www.bank.example} or {@code https://*.bank.example} (a port list such as
 *     {@code http://localhost:[8080,3000]} works too; {@code *} allows every page, as before this setting). The
 *     server's own origin is always allowed, and so is a handshake without an {@code Origin} header (apps, not
 *     browsers).
 */
@ConfigurationProperties("teller")
public record OriginProperties(@DefaultValue List<String> allowedOrigins) {

    public OriginProperties {
        allowedOrigins = allowedOrigins == null
                ? List.of()
                : allowedOrigins.stream()
                        .map(String::strip)
                        .filter(o -> !o.isEmpty())
                        .toList();
    }
}
