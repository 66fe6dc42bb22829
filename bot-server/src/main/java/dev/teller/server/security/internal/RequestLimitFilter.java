package dev.teller.server.security.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;

/**
 * Requests and handshakes per client address, to every path (the APIs, the chat, the login, the pages and their
 * files): over {@code teller.limits.requests-per-second-per-ip} (after a burst), 429 with {@code Retry-After} and
 * a problem detail. Runs before Spring Security and before a body is read, so that a flood costs neither a
 * password check, nor a session, nor memory.
 */
final class RequestLimitFilter extends OncePerRequestFilter {

    private final ClientLimits limits;
    private final ObjectMapper json;

    public RequestLimitFilter(ClientLimits limits, ObjectMapper json) {
        this.limits = limits;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long wait = limits.request(request.getRemoteAddr());
        if (wait == 0) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Problems.retryAfterSeconds(wait);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        Problems.write(
                json,
                request,
                response,
                429,
                "Too many requests",
                "More than " + (long) limits.limits().requestsPerSecondPerIp()
                        + " requests a second came from your address: wait " + seconds
                        + " s (Retry-After) and send the same request again.");
    }
}
