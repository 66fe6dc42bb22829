package dev.teller.server.chat.internal;

import dev.teller.server.security.ChatHandshake;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * Registers {@code /ws/chat}. A frame over 64 kB closes the connection with 1009 (message too big). Pages of other
 * origins than the server's and {@code teller.allowed-origins} are refused, and each client address may hold
 * {@code teller.limits.connections-per-ip} connections ({@link ChatHandshake}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class ChatSocketConfig implements WebSocketConfigurer {

    static final int MAX_FRAME_BYTES = 64 * 1024;

    private final ChatSocketHandler handler;
    private final ChatHandshake handshake;

    ChatSocketConfig(ChatSocketHandler handler, ChatHandshake handshake) {
        this.handler = handler;
        this.handshake = handshake;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // The widget is embedded in the bank's own pages: those origins are configured, no other page may connect.
        registry.addHandler(handshake.decorate(handler), "/ws/chat")
                .addInterceptors(handshake)
                .setAllowedOriginPatterns(handshake.allowedOriginPatterns());
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(MAX_FRAME_BYTES);
        container.setMaxSessionIdleTimeout(10 * 60 * 1000L);
        return container;
    }
}
