package dev.teller.server.llm.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The language model's settings ({@code teller.llm.*}); off unless {@code enabled}.
 *
 * @param baseUrl an OpenAI-compatible API: OpenAI, an Azure-style gateway, Ollama ({@code http://host:11434/v1}),
 *     vLLM
 * @param timeout the longest one try may take (LangChain4j's HTTP timeout); the customer gets the article text
 *     when it runs out, and no further try starts once this much time has passed since the first
 * @param maxRetries further tries after a 429 or 5xx, with backoff (200 ms, then twice as long each time), within
 *     the timeout
 * @param tokenBudget tokens (prompt and reply) one conversation may spend; then article text only
 * @param failuresToOpen consecutive failures that open the circuit breaker; as many calls are let through when it
 *     has been open for {@code openFor}, and it opens again if all of them fail
 * @param openFor how long an open breaker sends no call
 * @param maxReplyChars a reply longer than this is refused
 * @param maxConcurrentCalls calls in flight at once at most; one more gets no slot and the customer the article's
 *     own text at once, so a slow provider costs a few replies their rewording, never the server its threads
 */
@ConfigurationProperties("teller.llm")
public record LlmProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("https://api.openai.com/v1") String baseUrl,
        @DefaultValue("") String apiKey,
        @DefaultValue("gpt-4o-mini") String model,
        @DefaultValue("PT4S") Duration timeout,
        @DefaultValue("2") int maxRetries,
        @DefaultValue("6000") int tokenBudget,
        @DefaultValue("5") int failuresToOpen,
        @DefaultValue("PT30S") Duration openFor,
        @DefaultValue("1200") int maxReplyChars,
        @DefaultValue("16") int maxConcurrentCalls) {}
