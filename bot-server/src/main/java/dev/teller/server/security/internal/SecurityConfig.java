package dev.teller.server.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.server.servlet.CookieSameSiteSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.WebUtils;
import tools.jackson.databind.ObjectMapper;

/**
 * Who may reach what. Customers reach their conversations and complaints with their conversation's token (those
 * APIs check it themselves) and never the staff APIs; staff log in with their account (HTTP Basic for API clients,
 * a form and a session for pages, with CSRF protection for the session's forms): agents reach the staff APIs,
 * supervisors also the supervisor views, admins everything (metrics and the API description included; health
 * stays open for load balancers). Refusals are problem details. Every state-changing request from a browser
 * carries the CSRF token, whatever credentials the browser holds, the login form's included.
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
            Problems.write(
                    json,
                    request,
                    response,
                    401,
                    "Log in",
                    "This needs a staff login: your username and password "
                            + "(HTTP Basic), or log in at /login. A customer's conversation token does not open staff APIs.");
        };
        AccessDeniedHandler denied = (request, response, e) -> Problems.write(
                json, request, response, 403, "Not allowed", "Your role does not allow this. Ask an administrator.");
        RequestMatcher api = request -> request.getRequestURI().startsWith("/api/");
        // The customer's channels authorise with a conversation's token in a header, which no other site's page can
        // make a browser send: nothing there for a forged request to borrow.
        RequestMatcher customer = request -> request.getRequestURI().startsWith("/api/v1/conversations")
                || request.getRequestURI().startsWith("/api/v1/complaints")
                || request.getRequestURI().startsWith("/ws/chat");
        http.authorizeHttpRequests(a -> a.requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        // Metrics and the API description name every staff API and count what happens: admins
                        // only (Prometheus scrapes with an admin's Basic credentials).
                        .requestMatchers("/actuator/**", "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml")
                        .hasRole("ADMIN")
                        .requestMatchers("/api/v1/admin/**")
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
                // A failed login makes no session either: why it failed goes back in a short-lived cookie. (Set on the
                // filter itself: a handler set on the configurer would leave the generated page no error address.)
                .formLogin(
                        f -> f.withObjectPostProcessor(new ObjectPostProcessor<UsernamePasswordAuthenticationFilter>() {
                            @Override
                            public <O extends UsernamePasswordAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(new LoginPageReason.Failure());
                                return filter;
                            }
                        }))
                .logout(Customizer.withDefaults())
                .exceptionHandling(
                        e -> e.defaultAuthenticationEntryPointFor(login, api).accessDeniedHandler(denied))
                // No anonymous request makes a session: the page a member of staff was sent to log in from is
                // remembered in a cookie, and so is the CSRF token (the login form's too, which closes login CSRF).
                .requestCache(c -> c.requestCache(new PageToReturnTo()))
                .csrf(c -> c.csrfTokenRepository(new CookieCsrfTokenRepository())
                        .ignoringRequestMatchers(
                                customer,
                                SecurityConfig::ownCredentialsNotFromAnotherSite,
                                SecurityConfig::noCredentials))
                .cors(c -> c.configurationSource(publicArticles()));
        return http.build();
    }

    /**
     * The page a member of staff asked for before logging in, kept in a cookie (no session for anonymous requests)
     * for the login to send them back to. Only page requests are remembered, and a later request is never
     * replaced by the remembered one (which holds nothing but its address).
     */
    static final class PageToReturnTo extends CookieRequestCache {
        PageToReturnTo() {
            setRequestMatcher(request -> "GET".equals(request.getMethod())
                    && !request.getRequestURI().startsWith("/api/")
                    && String.valueOf(request.getHeader("Accept")).contains("text/html"));
        }

        @Override
        public HttpServletRequest getMatchingRequest(HttpServletRequest request, HttpServletResponse response) {
            return null;
        }
    }

    /**
     * Every cookie is SameSite=Lax, so that no other site's page sends one with a request it makes; a session
     * cookie is also Secure whenever the request came over HTTPS (directly, or through a proxy trusted to say so).
     */
    @Bean
    CookieSameSiteSupplier sameSiteCookies() {
        return CookieSameSiteSupplier.ofLax();
    }

    /**
     * A request with no credentials at all (no {@code Authorization}, no session) has nothing for a forged request to
     * borrow: it goes on to be refused for want of a login (401), which tells an API client what to do. The login
     * form itself is the exception: a forged login would log the victim's browser in as someone else.
     */
    static boolean noCredentials(HttpServletRequest request) {
        return request.getHeader("Authorization") == null
                && request.getRequestedSessionId() == null
                && !request.getRequestURI().equals("/login");
    }

    /**
     * A request that brings its own credentials ({@code Authorization}: HTTP Basic) needs no CSRF token when it
     * comes from a program (curl, the bank's systems: no {@code Origin}, no {@code Sec-Fetch-Site}) or from one of
     * the server's own pages. A browser that has cached Basic credentials adds them by itself to a request another
     * site's page makes, and then tells where the request comes from: such a request must carry the token like a
     * session's, which the other site cannot read, and is refused.
     */
    static boolean ownCredentialsNotFromAnotherSite(HttpServletRequest request) {
        if (request.getHeader("Authorization") == null) {
            return false;
        }
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return false;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        try {
            return WebUtils.isSameOrigin(new ServletServerHttpRequest(request));
        } catch (RuntimeException e) {
            return false; // "null" or a malformed Origin is nobody's own
        }
    }
}
