package dev.teller.server.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells the other nodes what changed and hands on what they tell. A topic is a short name ("conversation",
 * "staff"); a payload is a small string (an id, a JSON frame), never a message's text. With no Redis configured,
 * or while Redis is down, {@link #publish} does nothing: each node still serves its own connections, and
 * {@link #onResync} listeners run once Redis is back so that they re-read what they may have missed.
 */
@Component
public class ClusterBus {

    private static final Logger log = LoggerFactory.getLogger(ClusterBus.class);

    private final ClusterProperties properties;
    private final String node = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();
    private final List<Runnable> resyncs = new CopyOnWriteArrayList<>();
    /**
     * Handlers run here, never on Redis's I/O threads: they read the database. Platform threads, so that a
     * handler waiting for a connection inside a monitor never pins a virtual thread's carrier.
     */
    private final ExecutorService work = Executors.newFixedThreadPool(
            4, Thread.ofPlatform().name("teller-cluster-", 0).daemon(true).factory());

    private final AtomicBoolean wasDown = new AtomicBoolean();
    private final ScheduledExecutorService backCheck = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("teller-redis-check").daemon(true).factory());
    private final Counter published;
    private final Counter dropped;
    private final Counter received;
    private volatile boolean closed;
    private RedisClient client;
    private volatile StatefulRedisConnection<String, String> out;
    private volatile StatefulRedisPubSubConnection<String, String> in;

    ClusterBus(ClusterProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.published = Counter.builder("teller_cluster_notices")
                .tag("outcome", "published")
                .register(meters);
        this.dropped = Counter.builder("teller_cluster_notices")
                .tag("outcome", "dropped")
                .description("notices not sent because Redis was unreachable")
                .register(meters);
        this.received = Counter.builder("teller_cluster_notices")
                .tag("outcome", "received")
                .register(meters);
        Gauge.builder("teller_cluster_redis_connected", () -> connected() ? 1 : 0)
                .description("1 while this node reaches Redis (always 0 on a single node)")
                .register(meters);
        if (!properties.url().isBlank()) {
            connect();
        }
    }

    /** True when this node is one of a cluster (Redis is configured), whether or not Redis is up just now. */
    public boolean clustered() {
        return client != null;
    }

    /** True while Redis can be reached. */
    public boolean connected() {
        StatefulRedisConnection<String, String> o = out;
        StatefulRedisPubSubConnection<String, String> i = in;
        return o != null && i != null && o.isOpen() && i.isOpen();
    }

    /** Tells the other nodes; never blocks for long and never throws: a notice that cannot go is counted. */
    public void publish(String topic, String payload) {
        if (client == null) {
            return;
        }
        StatefulRedisConnection<String, String> out = this.out;
        if (out == null || !connected()) {
            dropped.increment();
            return;
        }
        out.async().publish(channel(topic), node + "|" + payload).whenComplete((n, e) -> {
            if (e != null) {
                dropped.increment();
                log.debug("cluster notice on {} not sent: {}", topic, e.getMessage());
            } else {
                published.increment();
            }
        });
    }

    /**
     * Runs a command on Redis, for state the nodes share (agents' presence and load): the command's result, or
     * empty on a single node and whenever Redis cannot answer now (the caller falls back to the database). Never
     * throws and never waits longer than {@code teller.redis.timeout}.
     */
    public <T> Optional<T> call(Function<RedisCommands<String, String>, T> command) {
        StatefulRedisConnection<String, String> out = this.out;
        if (client == null || out == null || !connected()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(command.apply(out.sync()));
        } catch (RuntimeException e) {
            log.debug("Redis could not answer: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** A Redis key of this cluster's own, under {@code teller.redis.prefix}. */
    public String key(String name) {
        return properties.prefix() + ":" + name;
    }

    /** Runs {@code handler} for every notice another node publishes on {@code topic}. */
    public void subscribe(String topic, Consumer<String> handler) {
        handlers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(handler);
    }

    /** Runs {@code listener} whenever Redis comes back after being unreachable (notices may have been lost). */
    public void onResync(Runnable listener) {
        resyncs.add(listener);
    }

    private String channel(String topic) {
        return properties.prefix() + ":cluster:" + topic;
    }

    private void connect() {
        RedisURI uri = RedisURI.create(properties.url());
        uri.setTimeout(properties.timeout());
        client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // While Redis is away a publish fails at once rather than queueing without bound.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(properties.timeout())
                        .keepAlive(true)
                        .build())
                .timeoutOptions(TimeoutOptions.enabled(properties.timeout()))
                .build());
        // Two connections (publishing, listening) come and go separately, and a connection may open and drop at
        // once while Redis is still away: whether both are open is asked of them, and "back" is decided a moment
        // after a connection opens, once both still are.
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                if (wasDown.get()) {
                    backCheck.schedule(ClusterBus.this::backIfSo, 500, TimeUnit.MILLISECONDS);
                }
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                if (!closed && !wasDown.getAndSet(true)) {
                    log.warn("Redis is unreachable: this node serves its own connections until it is back");
                }
            }
        });
        if (!open(uri)) {
            // Redis may start after us (a whole site restarting): keep trying in the background, alone till then.
            log.warn(
                    "Redis at {}:{} is not reachable yet: serving alone and retrying every 2 s",
                    uri.getHost(),
                    uri.getPort());
            wasDown.set(true);
            Thread.ofVirtual().name("teller-redis-connect").start(() -> {
                while (!closed && !open(uri)) {
                    try {
                        Thread.sleep(2000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (!closed) {
                    backIfSo();
                }
            });
        }
    }

    /** Resyncs once when Redis was down and both connections are open again. */
    private void backIfSo() {
        if (connected() && wasDown.compareAndSet(true, false)) {
            log.info("Redis is back: delivery across nodes resumes, re-reading what was missed");
            work.submit(() -> resyncs.forEach(ClusterBus::quietly));
        }
    }

    /** Opens the two connections (publishing, listening); false when Redis cannot be reached now. */
    private synchronized boolean open(RedisURI uri) {
        try {
            StatefulRedisConnection<String, String> o = client.connect();
            StatefulRedisPubSubConnection<String, String> i = client.connectPubSub();
            i.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String pattern, String channel, String message) {
                    int bar = message.indexOf('|');
                    if (bar < 0 || message.substring(0, bar).equals(node)) {
                        return; // our own notice: delivered locally already
                    }
                    String topic = channel.substring(channel.lastIndexOf(':') + 1);
                    String payload = message.substring(bar + 1);
                    received.increment();
                    for (Consumer<String> h : handlers.getOrDefault(topic, List.of())) {
                        work.submit(() -> quietly(() -> h.accept(payload)));
                    }
                }
            });
            i.sync().psubscribe(properties.prefix() + ":cluster:*");
            out = o;
            in = i;
            log.info(
                    "cluster node {} on Redis {}:{} (prefix {})",
                    node,
                    uri.getHost(),
                    uri.getPort(),
                    properties.prefix());
            return true;
        } catch (RuntimeException e) {
            log.debug("Redis not reachable: {}", e.getMessage());
            return false;
        }
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.debug("cluster handler failed: {}", e.getMessage());
        }
    }

    @PreDestroy
    void close() {
        closed = true;
        if (client != null) {
            if (in != null) {
                in.close();
            }
            if (out != null) {
                out.close();
            }
            client.shutdown();
        }
        work.shutdownNow();
        backCheck.shutdownNow();
    }
}
