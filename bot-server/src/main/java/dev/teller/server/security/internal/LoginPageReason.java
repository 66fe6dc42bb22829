package dev.teller.server.security.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.Ordered;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.HtmlUtils;

/**
 * The login page after a refused login says why when it was the account's state (it must wait, it is locked, it
 * is disabled): Spring Security's generated page says only "Invalid credentials" whatever happened, which would
 * leave someone whose account is locked trying again and again. The form login's failure handler tells the reason
 * in a cookie that lives a minute ({@link Failure}), not in a session, so that failed logins make no session; a
 * wrong password still reads "Invalid credentials".
 */
@Component
class LoginPageReason extends OncePerRequestFilter implements Ordered {

    static final String COOKIE = "TELLER_LOGIN_REFUSED";

    /** The form login's failure: back to the login page, with the account's state in a cookie, no session made. */
    static final class Failure extends SimpleUrlAuthenticationFailureHandler {
        Failure() {
            super("/login?error");
            setAllowSessionCreation(false);
        }

        @Override
        public void onAuthenticationFailure(
                HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
                throws IOException, ServletException {
            if (exception instanceof LoginRefused refused) {
                Cookie reason = new Cookie(COOKIE, refused.code());
                reason.setPath("/login");
                reason.setMaxAge(60);
                reason.setHttpOnly(true);
                reason.setSecure(request.isSecure());
                response.addCookie(reason);
            }
            super.onAuthenticationFailure(request, response, exception);
        }
    }

    @Override
    public int getOrder() {
        return SecurityFilterProperties.DEFAULT_FILTER_ORDER - 5;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("GET".equals(request.getMethod())
                && "/login".equals(request.getRequestURI())
                && "error".equals(request.getQueryString()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        LoginRefused refused = null;
        if (request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if (COOKIE.equals(c.getName())) {
                    refused = LoginRefused.fromCode(c.getValue());
                }
            }
        }
        if (refused == null) {
            chain.doFilter(request, response);
            return;
        }
        // Said once: the next visit to the login page is a fresh one.
        Cookie spent = new Cookie(COOKIE, "");
        spent.setPath("/login");
        spent.setMaxAge(0);
        response.addCookie(spent);
        ContentCachingResponseWrapper page = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, page);
        byte[] out = new String(page.getContentAsByteArray(), StandardCharsets.UTF_8)
                .replace(">Invalid credentials<", ">" + HtmlUtils.htmlEscape(refused.forThePage()) + "<")
                .getBytes(StandardCharsets.UTF_8);
        response.setContentLength(out.length);
        response.getOutputStream().write(out);
    }
}
