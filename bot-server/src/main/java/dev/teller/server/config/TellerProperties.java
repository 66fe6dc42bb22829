package dev.teller.server.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Teller's own settings ({@code teller.*} in application.yml, or environment variables such as
 * {@code TELLER_ARTICLES}).
 *
 * @param articles the articles folder to serve, watch and edit through the admin API; seeded with the articles
 *     shipped with Teller when it holds none
 * @param index where the knowledge-base index is kept between runs
 * @param maxMessageChars longest customer message accepted
 * @param maxMessagesPerSecond messages a conversation may send in a second, on any channel
 * @param understandingThreads how many messages are understood and searched at once (CPU-bound work; 0: one per
 *     processor); the others wait in line, first come first served
 * @param intentTieMargin how close the top two intents' confidences must be for a configured tie-breaker (the
 *     language model) to be asked
 */
@ConfigurationProperties("teller")
public record TellerProperties(
        Path articles,
        Path index,
        @DefaultValue("2000") int maxMessageChars,
        @DefaultValue("5") int maxMessagesPerSecond,
        @DefaultValue("0.15") double intentTieMargin,
        @DefaultValue("0") int understandingThreads) {}
