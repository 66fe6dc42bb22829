package dev.teller.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar load-test/target/load-test.jar load|bench|llm-bench}, or the scripts beside this module
 * (load.sh, bench.sh, llm-bench.sh, fault-run.sh) that build it first: see docs/performance.md.
 */
@Command(
        name = "load-test",
        mixinStandardHelpOptions = true,
        description = "Teller's load generators (not tests): WebSocket customers, REST conversations, the LLM's cost.",
        subcommands = {LoadTestCli.Load.class, LoadTestCli.Bench.class, LoadTestCli.LlmBenchCommand.class})
public final class LoadTestCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadTestCli())
                .registerConverter(Duration.class, new Durations.Converter())
                // A later option wins, so that a script's defaults can come before what its caller gives.
                .setOverwrittenOptionsAllowed(true)
                .execute(args));
    }

    @Command(
            name = "load",
            mixinStandardHelpOptions = true,
            description = "N customers on WebSockets against running Tellers; every acknowledged message is read"
                    + " back. Exit 0 when clean, 1 when a server is missing, 2 when anything was lost,"
                    + " duplicated, unanswered or refused.")
    static final class Load implements Callable<Integer> {
        @Option(
                names = "--url",
                description = "a Teller to load (repeat for several nodes)",
                defaultValue = "http://localhost:8080")
        List<String> urls = new ArrayList<>();

        @Option(names = "--customers", defaultValue = "200", description = "connected customers")
        int customers;

        @Option(names = "--think", defaultValue = "10s", description = "each customer's pause between messages")
        Duration think;

        @Option(names = "--duration", defaultValue = "60s", description = "measured time, after the ramp")
        Duration duration;

        @Option(names = "--ramp", defaultValue = "20s", description = "time over which the customers connect")
        Duration ramp;

        @Option(names = "--staff", description = "USER:PASSWORD of an admin, to read the servers' CPU and heap")
        String staff;

        @Option(names = "--report", defaultValue = "load-report.json", description = "the run's JSON report")
        Path report;

        @Override
        public Integer call() throws Exception {
            return SocketLoad.runFromCommandLine(new SocketLoad.Options(
                    urls.stream().map(u -> u.replaceAll("/+$", "")).toList(),
                    customers,
                    think,
                    duration,
                    ramp,
                    staff,
                    report,
                    false));
        }
    }

    @Command(
            name = "bench",
            mixinStandardHelpOptions = true,
            description = "Concurrent conversations over REST against a running Teller: reply latency and throughput.")
    static final class Bench implements Callable<Integer> {
        @Option(names = "--url", defaultValue = "http://localhost:8080", description = "the Teller to drive")
        String url;

        @Option(names = "--conversations", defaultValue = "50", description = "conversations at once")
        int conversations;

        @Option(names = "--messages", defaultValue = "10", description = "messages in each conversation")
        int messages;

        @Override
        public Integer call() throws Exception {
            return ChatBench.run(url.replaceAll("/+$", ""), conversations, messages);
        }
    }

    @Command(
            name = "llm-bench",
            mixinStandardHelpOptions = true,
            description = "What the optional language model costs the chat: a load with it off, then on against a"
                    + " stand-in provider. Exit 0 on PASS, 1 on FAIL.")
    static final class LlmBenchCommand implements Callable<Integer> {
        @Option(names = "--customers", defaultValue = "300", description = "connected customers in each half")
        int customers;

        @Option(names = "--think", defaultValue = "3s", description = "each customer's pause between messages")
        Duration think;

        @Option(names = "--ramp", defaultValue = "30s", description = "time over which the customers connect")
        Duration ramp;

        @Option(names = "--duration", defaultValue = "3m", description = "measured time of each half")
        Duration duration;

        @Option(names = "--latency", defaultValue = "1s", description = "how long the stand-in provider takes")
        Duration latency;

        @Option(
                names = "--jar",
                defaultValue = "bot-server/target/bot-server.jar",
                description = "the packaged server that each half starts")
        Path jar;

        @Override
        public Integer call() throws Exception {
            return LlmBench.run(new LlmBench.Options(customers, think, ramp, duration, latency, jar));
        }
    }
}
