package dev.teller.server.security;

import dev.teller.server.security.internal.ClientLimits;
import dev.teller.server.security.internal.OriginProperties;
import dev.teller.server.security.internal.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.WebUtils;
import tools.jackson.databind.ObjectMapper;

/**
 * Who may open {@code /ws/chat}. A page of another origin than the server's and not in
 * {@code teller.allowed-origins} is refused with 403 (a handshake without {@code Origin}, from an app, is let
 * through: the conversation token guards the data); a client address with {@code teller.limits.connections-per-ip}
 * connections open already is refused with 429. Both refusals are problem details. The connection counts against
 * its address until it closes: register the handler through {@link #decorate}.
 */
@Component
public class ChatHandshake implements HandshakeInterceptor {

    private static final String LEASE = ChatHandshake.class.getName() + ".lease";

    private final ClientLimits limits;
    private final List<String> allowed;
    private final CorsConfiguration origins = new CorsConfiguration();
    private final ObjectMapper json;

    ChatHandshake(ClientLimits limits, OriginProperties allowed, ObjectMapper json) {
        this.limits = limits;
        this.json = json;
        this.allowed = allowed.allowedOrigins();
        this.origins.setAllowedOriginPatterns(this.allowed);
    }

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        HttpServletRequest http = ((ServletServerHttpRequest) request).getServletRequest();
        String origin = request.getHeaders().getOrigin();
        if (origin != null && !sameOrigin(request) && origins.checkOrigin(origin) == null) {
            refuse(
                    request,
                    response,
                    HttpStatus.FORBIDDEN,
                    "Origin not allowed",
                    "Pages of " + origin + " may not open the chat. If they are the bank's, add the origin to "
                            + "teller.allowed-origins (TELLER_ALLOWED_ORIGINS) and restart Teller.",
                    null);
            return false;
        }
        ClientLimits.Lease lease = limits.connect(http.getRemoteAddr());
        if (lease == null) {
            refuse(
                    request,
                    response,
                    HttpStatus.TOO_MANY_REQUESTS,
                    "Too many connections",
                    "Your address has " + limits.limits().connectionsPerIp()
                            + " chat connections open, the most allowed: close one, or connect again later.",
                    "5");
            return false;
        }
        attributes.put(LEASE, lease);
        // Until the upgrade is known to have happened, the request holds the lease too (see afterHandshake).
        http.setAttribute(LEASE, lease);
        return true;
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {
        HttpServletRequest http = ((ServletServerHttpRequest) request).getServletRequest();
        if (http.getAttribute(LEASE) instanceof ClientLimits.Lease lease
                && (exception != null
                        || ((ServletServerHttpResponse) response)
                                        .getServletResponse()
                                        .getStatus()
                                != HttpStatus.SWITCHING_PROTOCOLS.value())) {
            lease.close(); // no connection came of it
        }
    }

    /**
     * The configured origin patterns, for Spring's own origin check behind this one (which, with no patterns, lets
     * the server's own origin through only). This interceptor runs first and refuses with a problem detail.
     */
    public String[] allowedOriginPatterns() {
        // As configured: Spring trims a trailing slash from each pattern it is given, so what it holds ("file:/"
        // for "file://") would be trimmed once more.
        return allowed.toArray(String[]::new);
    }

    /** Whether the page is the server's own; a malformed Origin is nobody's. */
    private static boolean sameOrigin(ServerHttpRequest request) {
        try {
            return WebUtils.isSameOrigin(request);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The chat handler, releasing each connection's place when the connection closes. */
    public WebSocketHandler decorate(WebSocketHandler handler) {
        return new WebSocketHandlerDecorator(handler) {
            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
                try {
                    super.afterConnectionClosed(session, status);
                } finally {
                    if (session.getAttributes().get(LEASE) instanceof ClientLimits.Lease lease) {
                        lease.close();
                    }
                }
            }
        };
    }

    private void refuse(
            ServerHttpRequest request,
            ServerHttpResponse response,
            HttpStatus status,
            String title,
            String detail,
            String retryAfter) {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (retryAfter != null) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        try {
            response.getBody().write(Problems.body(json, request.getURI().getPath(), status.value(), title, detail));
        } catch (java.io.IOException e) {
            // The client went away; the status alone refuses the handshake.
        }
    }
}
