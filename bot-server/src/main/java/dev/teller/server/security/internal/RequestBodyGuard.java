package dev.teller.server.security.internal;

import dev.teller.server.security.LimitsProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.SocketTimeoutException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;

/**
 * Request bodies arrive whole, small and quickly, or not at all: a body declared larger than
 * {@code teller.limits.max-body} is refused with 413 before a byte of it is read; one that grows past it while
 * arriving (chunked) is refused when it does; one that takes longer than {@code teller.limits.body-timeout} to
 * arrive is refused with 408. Either way the connection is closed rather than drained. The body is read here, into
 * memory of at most that size, so that nothing behind this filter waits on a slow client.
 */
final class RequestBodyGuard extends OncePerRequestFilter {

    private final LimitsProperties limits;
    private final ObjectMapper json;

    public RequestBodyGuard(LimitsProperties limits, ObjectMapper json) {
        this.limits = limits;
        this.json = json;
    }

    private static final class TooLarge extends IOException {}

    private static final class TooSlow extends IOException {}

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared <= 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null) {
            chain.doFilter(request, response);
            return;
        }
        long max = limits.maxBody().toBytes();
        byte[] body;
        try {
            if (declared > max) {
                throw new TooLarge();
            }
            body = read(request.getInputStream(), declared, max);
        } catch (TooLarge e) {
            refuse(
                    request,
                    response,
                    413,
                    "Request too large",
                    "The request's body is larger than " + limits.maxBody().toKilobytes()
                            + " kB, the most this server accepts (teller.limits.max-body). Send less: a chat message is"
                            + " a few thousand characters at most.");
            return;
        } catch (TooSlow | SocketTimeoutException e) {
            refuse(
                    request,
                    response,
                    408,
                    "Request too slow",
                    "The request's body did not arrive within "
                            + limits.bodyTimeout().toSeconds()
                            + " s (teller.limits.body-timeout). Check the connection and send it again.");
            return;
        }
        chain.doFilter(new CachedBody(request, body), response);
    }

    private byte[] read(InputStream in, long declared, long max) throws IOException {
        long deadline = System.nanoTime() + limits.bodyTimeout().toNanos();
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
        byte[] buffer = new byte[8192];
        int n;
        // Each read waits at most the connector's read timeout (server.tomcat.connection-timeout).
        while ((n = in.read(buffer)) >= 0) {
            if (out.size() + n > max) {
                throw new TooLarge();
            }
            out.write(buffer, 0, n);
            if (System.nanoTime() - deadline > 0) {
                throw new TooSlow();
            }
        }
        return out.toByteArray();
    }

    private void refuse(
            HttpServletRequest request, HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        // Closed, not drained: what is left of the body is not read.
        response.setHeader(HttpHeaders.CONNECTION, "close");
        Problems.write(json, request, response, status, title, detail);
    }

    /** The request with its body read: the body from memory, and a form's fields as parameters. */
    private static final class CachedBody extends HttpServletRequestWrapper {
        private final byte[] body;
        private Map<String, String[]> parameters;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body has been read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), charset()));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        private Charset charset() {
            String encoding = getCharacterEncoding();
            try {
                return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            } catch (RuntimeException e) {
                return StandardCharsets.UTF_8;
            }
        }

        /** The query's parameters and, for a form (the login form), its fields. */
        private Map<String, String[]> parameters() {
            if (parameters == null) {
                Map<String, String[]> all = new LinkedHashMap<>(super.getParameterMap());
                String type = getContentType();
                if (type != null
                        && type.toLowerCase(java.util.Locale.ROOT)
                                .startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
                    for (String pair : new String(body, StandardCharsets.ISO_8859_1).split("&")) {
                        if (pair.isEmpty()) {
                            continue;
                        }
                        int eq = pair.indexOf('=');
                        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                        all.merge(name, new String[] {value}, (a, b) -> {
                            String[] both = java.util.Arrays.copyOf(a, a.length + 1);
                            both[a.length] = b[0];
                            return both;
                        });
                    }
                }
                parameters = Collections.unmodifiableMap(all);
            }
            return parameters;
        }

        private String decode(String s) {
            try {
                return URLDecoder.decode(s, charset());
            } catch (IllegalArgumentException e) {
                return s; // a malformed escape is kept as it came, as data
            }
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters().get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters();
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters().keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return parameters().get(name);
        }
    }
}
