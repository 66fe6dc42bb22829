package dev.teller.server.security.internal;

import java.time.Duration;
import org.apache.coyote.AbstractProcessor;
import org.apache.coyote.Constants;
import org.apache.coyote.Request;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketProcessorBase;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * A deadline on a request's headers. Tomcat times out a read that waits too long
 * ({@code server.tomcat.connection-timeout}), but each byte that arrives starts that wait again, so a client that
 * sends its headers a byte every few seconds (slowloris) keeps its connection for as long as it likes. Here a
 * request whose headers are not all in {@code teller.limits.header-timeout} after its first byte has its
 * connection closed at its next byte (or at the read timeout, if none comes).
 *
 * <p>Tomcat has no setting for this, so the connector is Tomcat's own NIO one with one check added where a
 * connection with new bytes is handed to a worker thread.
 */
@Component
class HeaderDeadline implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final Duration timeout;

    public HeaderDeadline(@Value("${teller.limits.header-timeout:10s}") Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.setProtocol(Protocol.class.getName());
        factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof Protocol p) {
                p.endpoint.deadlineNanos = timeout.toNanos();
            }
        });
    }

    /** Tomcat's HTTP/1.1 NIO connector with the header deadline; Tomcat makes it by its class name. */
    public static final class Protocol extends Http11NioProtocol {
        final Endpoint endpoint;

        public Protocol() {
            this(new Endpoint());
        }

        private Protocol(Endpoint endpoint) {
            super(endpoint);
            this.endpoint = endpoint;
        }
    }

    static final class Endpoint extends NioEndpoint {
        volatile long deadlineNanos = Duration.ofSeconds(10).toNanos();

        /**
         * Every hand-over gets a processor of its own: a cached one would be Tomcat's plain processor, without the
         * check (one small object per hand-over instead).
         */
        @Override
        public void startInternal() throws Exception {
            super.startInternal();
            processorCache = null;
        }

        @Override
        protected SocketProcessorBase<NioChannel> createSocketProcessor(
                SocketWrapperBase<NioChannel> socket, SocketEvent event) {
            SocketProcessorBase<NioChannel> tomcats = super.createSocketProcessor(socket, event);
            return new SocketProcessorBase<>(socket, event) {
                @Override
                protected void doRun() {
                    if (event == SocketEvent.OPEN_READ && headersLate(socketWrapper)) {
                        socketWrapper.close();
                        return;
                    }
                    tomcats.run();
                }
            };
        }

        /** Whether the connection is still reading a request's headers, and has been for longer than the deadline. */
        private boolean headersLate(SocketWrapperBase<NioChannel> socket) {
            if (!(socket.getCurrentProcessor() instanceof AbstractProcessor processor)) {
                return false; // between requests, or an upgraded connection (a WebSocket)
            }
            Request request = processor.getRequest();
            long started = request.getStartTimeNanos();
            // Tomcat moves a request to "prepare" once its headers are in, and on to "service" (and reading its body,
            // which RequestBodyGuard times); before that the stage still says where the last request ended.
            int stage = request.getRequestProcessor().getStage();
            boolean headersIn = stage >= Constants.STAGE_PREPARE && stage <= Constants.STAGE_ENDOUTPUT;
            return !headersIn && started > 0 && System.nanoTime() - started > deadlineNanos;
        }
    }
}
