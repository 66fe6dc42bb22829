package dev.teller.server.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Time comes from one injected clock, so time-based rules can be tested without waiting. */
@Configuration(proxyBeanMethods = false)
class Clocks {
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
