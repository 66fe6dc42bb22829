package dev.teller.server.config.internal;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Time comes from one injected clock, so time-based rules can be tested without waiting. {@code
 * teller.clock.offset} (a duration, zero by default) shifts it, for drills and for the crash test that lets
 * deadlines pass while a server is down.
 */
@Configuration(proxyBeanMethods = false)
class Clocks {
    @Bean
    Clock clock(@Value("${teller.clock.offset:PT0S}") Duration offset) {
        return offset.isZero() ? Clock.systemUTC() : Clock.offset(Clock.systemUTC(), offset);
    }
}
