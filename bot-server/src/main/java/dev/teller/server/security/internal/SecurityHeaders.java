package dev.teller.server.security.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers on every response, refusals included: no MIME sniffing, never framed, no referrer, and a content
 * security policy for the pages Teller serves (the demo page, the console, the dashboard, the login form): scripts
 * only from this server, inline styles allowed (the widget styles its Shadow DOM with a {@code <style>} element,
 * the staff pages use {@code style} attributes), connections only to this server (its WebSocket too). The policy on
 * {@code widget.js} does not reach the bank's pages that load it. API responses, which hold conversations, are
 * never stored by a cache. HSTS on secure requests comes from Spring Security.
 */
final class SecurityHeaders extends OncePerRequestFilter {

    /** A host name or an IP literal, nothing that could end the header's directive. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+\\]");

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'; connect-src 'self'";

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy", policy(request));
        String path = request.getRequestURI();
        if (path.startsWith("/api/")) {
            response.setHeader("Cache-Control", "no-store");
        }
        chain.doFilter(request, response);
    }

    /** The policy, with this server's own WebSocket origin for browsers whose 'self' does not cover ws: and wss:. */
    static String policy(HttpServletRequest request) {
        String host = request.getServerName();
        if (host == null || !HOST.matcher(host).matches()) {
            return POLICY;
        }
        String authority = host + ":" + request.getServerPort();
        return POLICY + " ws://" + authority + " wss://" + authority;
    }
}
