package dev.teller.server.chat;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** Registers {@code /ws/chat}. A frame over 64 kB closes the connection with 1009 (message too big). */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class ChatSocketConfig implements WebSocketConfigurer {

    static final int MAX_FRAME_BYTES = 64 * 1024;

    private final ChatSocketHandler handler;

    ChatSocketConfig(ChatSocketHandler handler) {
        this.handler = handler;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // The widget is embedded in the bank's own pages; the conversation token, not the origin, guards data.
        registry.addHandler(handler, "/ws/chat").setAllowedOriginPatterns("*");
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(MAX_FRAME_BYTES);
        container.setMaxSessionIdleTimeout(10 * 60 * 1000L);
        return container;
    }
}
