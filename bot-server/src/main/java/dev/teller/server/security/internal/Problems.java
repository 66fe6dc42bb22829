package dev.teller.server.security.internal;

import dev.teller.intents.text.CardNumbers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.ObjectMapper;

/**
 * RFC 9457 problem details: written straight to a response, for refusals made before Spring MVC is reached, or as
 * an exception that Spring MVC answers with.
 */
public final class Problems {

    private Problems() {}

    public static byte[] body(ObjectMapper json, String path, int status, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", path);
        return json.writeValueAsBytes(body);
    }

    static void write(
            ObjectMapper json,
            HttpServletRequest request,
            HttpServletResponse response,
            int status,
            String title,
            String detail)
            throws IOException {
        // The path is what the client wrote: a card number in it is masked like any other.
        byte[] body = body(json, CardNumbers.mask(request.getRequestURI()), status, title, detail);
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** A refusal with this status, title and detail, for Spring MVC to answer with. */
    public static ErrorResponseException of(HttpStatus status, String title, String detail) {
        ErrorResponseException e = new ErrorResponseException(status);
        e.getBody().setTitle(title);
        e.getBody().setDetail(detail);
        return e;
    }

    /** Whole seconds to wait, rounded up, at least 1: the value of {@code Retry-After}. */
    static long retryAfterSeconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
