package dev.teller.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Teller's chat server: channels, dialogue and storage. See the README for the run command. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TellerApplication {

    public static void main(String[] args) {
        SpringApplication.run(TellerApplication.class, args);
    }
}
