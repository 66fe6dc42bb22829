package dev.teller.server.config.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells whoever started Teller where it is listening and how to say hello to it. */
@Component
class Ready {

    private static final Logger log = LoggerFactory.getLogger(Ready.class);

    @EventListener
    void ready(ApplicationReadyEvent event) {
        Environment env = event.getApplicationContext().getEnvironment();
        String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        log.info(
                "Teller is ready at http://localhost:{} (try: curl -X POST http://localhost:{}/api/v1/conversations)",
                port,
                port);
    }
}
