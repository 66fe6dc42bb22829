package dev.teller.server.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.ObjectMapper;

/**
 * Who may reach what. Customers reach their conversations and complaints with their conversation's token (those
 * APIs check it themselves) and never the staff APIs; staff log in with their account (HTTP Basic for API clients,
 * a form and a session for pages, with CSRF protection for the session's forms): agents reach the staff APIs,
 * supervisors also the supervisor views, admins everything. Refusals are problem details.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    private static final String[] SUPERVISOR_ONLY = {
        "/api/v1/staff/nps", "/api/v1/staff/win-back", "/api/v1/supervisor/**"
    };

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * The widget runs on the bank's own pages, another origin: it may read published articles from there (public
     * content, no credentials). Nothing else is opened to other origins; the chat socket checks its token.
     */
    static org.springframework.web.cors.CorsConfigurationSource publicArticles() {
        org.springframework.web.cors.CorsConfiguration articles = new org.springframework.web.cors.CorsConfiguration();
        articles.addAllowedOriginPattern("*");
        articles.addAllowedMethod("GET");
        articles.addAllowedHeader("Accept");
        articles.setAllowCredentials(false);
        org.springframework.web.cors.UrlBasedCorsConfigurationSource source =
                new org.springframework.web.cors.UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/v1/articles/**", articles);
        return source;
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http, ObjectMapper json) throws Exception {
        AuthenticationEntryPoint login = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Teller staff\"");
            if (e instanceof LoginRefused refused) {
                refused.write(json, request, response);
                return;
            }
            problem(
                    json,
                    request,
                    response,
                    401,
                    "Log in",
                    "This needs a staff login: your username and password "
                            + "(HTTP Basic), or log in at /login. A customer's conversation token does not open staff APIs.");
        };
        AccessDeniedHandler denied = (request, response, e) -> problem(
                json, request, response, 403, "Not allowed", "Your role does not allow this. Ask an administrator.");
        RequestMatcher api = request -> request.getRequestURI().startsWith("/api/");
        // CSRF guards what a session cookie would authorise; a request that carries its own credentials, or no
        // session at all, has nothing a forged page could borrow.
        RequestMatcher tokenOrCustomer = request -> request.getHeader("Authorization") != null
                || request.getRequestedSessionId() == null
                || request.getRequestURI().startsWith("/api/v1/conversations")
                || request.getRequestURI().startsWith("/api/v1/complaints")
                || request.getRequestURI().startsWith("/ws/chat");
        http.authorizeHttpRequests(a -> a.requestMatchers("/api/v1/admin/**")
                        .hasRole("ADMIN")
                        .requestMatchers(SUPERVISOR_ONLY)
                        .hasAnyRole("SUPERVISOR", "ADMIN")
                        .requestMatchers("/dashboard/**")
                        .hasAnyRole("SUPERVISOR", "ADMIN")
                        .requestMatchers("/api/v1/staff/**", "/ws/staff", "/console/**")
                        .hasAnyRole("AGENT", "SUPERVISOR", "ADMIN")
                        .anyRequest()
                        .permitAll())
                .httpBasic(b -> b.authenticationEntryPoint(login))
                .formLogin(Customizer.withDefaults())
                .logout(Customizer.withDefaults())
                .exceptionHandling(
                        e -> e.defaultAuthenticationEntryPointFor(login, api).accessDeniedHandler(denied))
                .csrf(c -> c.ignoringRequestMatchers(tokenOrCustomer))
                .cors(c -> c.configurationSource(publicArticles()));
        return http.build();
    }

    private static void problem(
            ObjectMapper json,
            HttpServletRequest request,
            HttpServletResponse response,
            int status,
            String title,
            String detail)
            throws IOException {
        Problems.write(json, request, response, status, title, detail);
    }
}
