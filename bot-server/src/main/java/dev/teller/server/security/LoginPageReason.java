package dev.teller.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.Ordered;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.HtmlUtils;

/**
 * The login page after a refused login says why when it was the account's state (it must wait, it is locked, it
 * is disabled): Spring Security's generated page says only "Invalid credentials" whatever happened, which would
 * leave someone whose account is locked trying again and again. The reason was kept in the session by the form
 * login's failure handler; a wrong password still reads "Invalid credentials".
 */
@Component
class LoginPageReason extends OncePerRequestFilter implements Ordered {

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
        HttpSession session = request.getSession(false);
        if (session == null
                || !(session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof LoginRefused refused)) {
            chain.doFilter(request, response);
            return;
        }
        ContentCachingResponseWrapper page = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, page);
        byte[] out = new String(page.getContentAsByteArray(), StandardCharsets.UTF_8)
                .replace(">Invalid credentials<", ">" + HtmlUtils.htmlEscape(refused.getMessage()) + "<")
                .getBytes(StandardCharsets.UTF_8);
        response.setContentLength(out.length);
        response.getOutputStream().write(out);
    }
}
