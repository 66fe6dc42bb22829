package dev.teller.server;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The server with its language model on, pointed at WireMock playing an OpenAI-compatible provider (one for the
 * test JVM, emptied before each test). The breaker and the budget are set out of reach: tests of them say so.
 */
abstract class WithFakeProvider extends OnPostgres {

    static final WireMockServer PROVIDER =
            new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(new DuringCall()));

    /**
     * Runs a test's probe while the provider holds a call of a stub marked {@code withTransformers(DuringCall.NAME)},
     * that is while Teller waits for the answer, and keeps what it returned.
     */
    static final class DuringCall implements ResponseDefinitionTransformerV2 {
        static final String NAME = "during-call";
        static volatile Supplier<String> probe = () -> "no probe";
        static final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            seen.add(probe.get());
            return event.getResponseDefinition();
        }

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }
    }

    /**
     * A probe that says whether any conversation's row is locked (as a reply being stored locks it), or "free".
     * Synchronized: the tie-break and the rewording are asked at once, and two probes locking every row at the same
     * moment would see each other's locks.
     */
    static synchronized String conversationLocks() {
        try (var c = database()) {
            c.setAutoCommit(false);
            c.createStatement()
                    .executeQuery("SELECT id FROM conversation FOR UPDATE NOWAIT")
                    .close();
            c.rollback();
            return "free";
        } catch (java.sql.SQLException e) {
            return "locked (" + e.getSQLState() + ")";
        }
    }

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
        DuringCall.seen.clear();
        DuringCall.probe = WithFakeProvider::conversationLocks;
    }
}
