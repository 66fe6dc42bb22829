package dev.teller.server;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Each feature package is an application module with its API on top; nothing reaches into another's internals. */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(TellerApplication.class);

    @Test
    void featuresKeepToEachOthersApis() {
        MODULES.verify();
    }

    @Test
    void writesTheModuleDocumentation() {
        new Documenter(MODULES).writeDocumentation();
    }
}
