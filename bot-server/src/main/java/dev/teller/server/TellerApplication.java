package dev.teller.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Teller's chat server: channels, dialogue and storage. See the README for the run command. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TellerApplication {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("bench")) {
            dev.teller.server.bench.ChatBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("load")) {
            dev.teller.server.bench.SocketLoad.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("llm-bench")) {
            dev.teller.server.bench.LlmBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(TellerApplication.class, args);
    }
}
