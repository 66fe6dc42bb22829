package dev.teller.server.complaint.internal;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The severity rules: the shipped ones, or a bank's own file ({@code TELLER_COMPLAINTS_RULES}). */
@Configuration(proxyBeanMethods = false)
class SeverityConfig {
    @Bean
    SeverityRules severityRules(@Value("${teller.complaints.rules:}") String file) {
        return file.isBlank() ? SeverityRules.shipped() : SeverityRules.load(Path.of(file));
    }
}
