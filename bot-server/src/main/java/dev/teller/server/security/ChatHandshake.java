package dev.teller.server.security;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.WebUtils;
import tools.jackson.databind.ObjectMapper;

/**
 * Who may open {@code /ws/chat}: a page of another origin than the server's and not in
 * {@code teller.allowed-origins} is refused with 403 and a problem detail (a handshake without {@code Origin}, from
 * an app, is let through: the conversation token guards the data).
 */
@Component
public class ChatHandshake implements HandshakeInterceptor {

    private final CorsConfiguration origins = new CorsConfiguration();
    private final ObjectMapper json;

    ChatHandshake(OriginProperties allowed, ObjectMapper json) {
        this.json = json;
        this.origins.setAllowedOriginPatterns(allowed.allowedOrigins());
    }

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        String origin = request.getHeaders().getOrigin();
        if (origin != null && !sameOrigin(request) && origins.checkOrigin(origin) == null) {
            refuse(
                    request,
                    response,
                    HttpStatus.FORBIDDEN,
                    "Origin not allowed",
                    "Pages of " + origin + " may not open the chat. If they are the bank's, add the origin to "
                            + "teller.allowed-origins (TELLER_ALLOWED_ORIGINS) and restart Teller.");
            return false;
        }
        return true;
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {}

    /**
     * The configured origin patterns, for Spring's own origin check behind this one (which, with no patterns, lets
     * the server's own origin through only). This interceptor runs first and refuses with a problem detail.
     */
    public String[] allowedOriginPatterns() {
        List<String> patterns = origins.getAllowedOriginPatterns();
        return patterns == null ? new String[0] : patterns.toArray(String[]::new);
    }

    /** Whether the page is the server's own; a malformed Origin is nobody's. */
    private static boolean sameOrigin(ServerHttpRequest request) {
        try {
            return WebUtils.isSameOrigin(request);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void refuse(
            ServerHttpRequest request, ServerHttpResponse response, HttpStatus status, String title, String detail) {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        try {
            response.getBody().write(Problems.body(json, request.getURI().getPath(), status.value(), title, detail));
        } catch (java.io.IOException e) {
            // The client went away; the status alone refuses the handshake.
        }
    }
}
