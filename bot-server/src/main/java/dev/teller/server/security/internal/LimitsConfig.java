package dev.teller.server.security.internal;

import dev.teller.server.security.LimitsProperties;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.ObjectMapper;

/**
 * The filters in front of everything else: security headers first, then the per-address request limit, then the
 * request body's size and time limits.
 */
@Configuration(proxyBeanMethods = false)
class LimitsConfig {

    @Bean
    FilterRegistrationBean<SecurityHeaders> securityHeaders() {
        FilterRegistrationBean<SecurityHeaders> r = new FilterRegistrationBean<>(new SecurityHeaders());
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        r.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
        return r;
    }

    @Bean
    FilterRegistrationBean<RequestLimitFilter> requestLimit(ClientLimits limits, ObjectMapper json) {
        FilterRegistrationBean<RequestLimitFilter> r =
                new FilterRegistrationBean<>(new RequestLimitFilter(limits, json));
        // Before Spring Security: a refused request costs no password check and no session.
        r.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
        r.setDispatcherTypes(DispatcherType.REQUEST);
        return r;
    }

    @Bean
    FilterRegistrationBean<RequestBodyGuard> requestBodyGuard(LimitsProperties limits, ObjectMapper json) {
        FilterRegistrationBean<RequestBodyGuard> r = new FilterRegistrationBean<>(new RequestBodyGuard(limits, json));
        // After the per-address limit (a refused request's body is never read), before Spring's request context
        // filter and Spring Security (which reads the login form).
        r.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 8);
        r.setDispatcherTypes(DispatcherType.REQUEST);
        return r;
    }
}
