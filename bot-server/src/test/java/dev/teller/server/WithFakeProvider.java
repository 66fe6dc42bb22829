package dev.teller.server;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The server with its language model on, pointed at WireMock playing an OpenAI-compatible provider (one for the
 * test JVM, emptied before each test). The breaker and the budget are set out of reach: tests of them say so.
 */
abstract class WithFakeProvider extends OnPostgres {

    static final WireMockServer PROVIDER =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        PROVIDER.start();
        Runtime.getRuntime().addShutdownHook(new Thread(PROVIDER::stop));
    }

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("teller.llm.enabled", () -> "true");
        registry.add("teller.llm.base-url", () -> "http://localhost:" + PROVIDER.port() + "/v1");
        registry.add("teller.llm.failures-to-open", () -> "1000");
        registry.add("teller.llm.token-budget", () -> "1000000");
    }

    @BeforeEach
    void emptyProvider() {
        PROVIDER.resetAll();
    }
}
