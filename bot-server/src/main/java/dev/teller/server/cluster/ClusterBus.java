package dev.teller.server.cluster;

import dev.teller.server.cluster.internal.ClusterProperties;
import dev.teller.server.cluster.internal.ClusterRedis;
import io.lettuce.core.RedisURI;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.event.connection.ConnectionDeactivatedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.SubscriptionListener;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;

/**
 * Tells the other nodes what changed and hands on what they tell. A topic is a short name ("conversation",
 * "staff"); a payload is a small string (an id, a JSON frame), never a message's text. With no Redis configured,
 * or while Redis is down, {@link #publish} does nothing: each node still serves its own connections, and
 * {@link #onResync} listeners run once Redis is back so that they re-read what they may have missed.
 *
 * <p>On a cluster node the notices arrive through Spring Data Redis's listener container; Lettuce reconnects and
 * subscribes again by itself. What this class adds: it starts the container, and keeps trying every 2 s when Redis
 * is not reachable at start (the container refuses to start then); it follows Lettuce's connection events to know
 * whether Redis can be reached; and it runs the resync listeners once Redis answers again after a connection was
 * lost or the subscription made anew.
 */
@Component
public class ClusterBus {

    private static final Logger log = LoggerFactory.getLogger(ClusterBus.class);

    private final ClusterProperties properties;
    private final String node = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();
    private final List<Runnable> resyncs = new CopyOnWriteArrayList<>();
    private final Counter published;
    private final Counter dropped;
    private final Counter received;
    /** Redis on a cluster node; null on a single node. */
    private final ClusterRedis.Parts redis;

    private final ScheduledExecutorService backCheck = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("teller-redis-check").daemon(true).factory());
    /** Subscriptions confirmed so far: each after the first is Lettuce's, after a reconnect. */
    private final AtomicLong subscriptions = new AtomicLong();
    /** Notices may have been missed since the last resync (a connection was lost, or Redis was away at start). */
    private final AtomicBoolean missed = new AtomicBoolean();

    private volatile boolean up;
    private volatile boolean closed;
    private volatile Disposable connectionEvents;
    private volatile Thread starting;

    ClusterBus(ClusterProperties properties, MeterRegistry meters, ObjectProvider<ClusterRedis.Parts> redis) {
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
        this.redis = redis.getIfAvailable();
        if (this.redis != null) {
            listen();
        }
    }

    /** True when this node is one of a cluster (Redis is configured), whether or not Redis is up just now. */
    public boolean clustered() {
        return redis != null;
    }

    /** True while Redis can be reached. */
    public boolean connected() {
        return redis != null && up;
    }

    /** Tells the other nodes; never blocks for long and never throws: a notice that cannot go is counted. */
    public void publish(String topic, String payload) {
        if (redis == null) {
            return;
        }
        if (!up) {
            dropped.increment();
            return;
        }
        redis.notices()
                .convertAndSend(channel(topic), node + "|" + payload)
                .subscribe(n -> published.increment(), e -> {
                    dropped.increment();
                    log.debug("cluster notice on {} not sent: {}", topic, e.getMessage());
                });
    }

    /**
     * Runs commands on Redis, for state the nodes share (agents' presence and load): their result, or empty on a
     * single node and whenever Redis cannot answer now (the caller falls back to the database). Never throws and
     * never waits longer than {@code teller.redis.timeout}.
     */
    public <T> Optional<T> call(Function<StringRedisTemplate, T> command) {
        if (redis == null || !up) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(command.apply(redis.commands()));
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

    private void listen() {
        connectionEvents = redis.resources().eventBus().get().subscribe(event -> {
            if (event instanceof ConnectionDeactivatedEvent) {
                lost();
            } else if (event instanceof ConnectionActivatedEvent) {
                checkSoon();
            }
        });
        redis.listener().addMessageListener(new Notices(), new PatternTopic(channel("*")));
        try {
            startListening();
        } catch (RuntimeException e) {
            // Redis may start after us (a whole site restarting): keep trying in the background, alone till then.
            RedisURI uri = RedisURI.create(properties.url());
            log.warn(
                    "Redis at {}:{} is not reachable yet: serving alone and retrying every 2 s",
                    uri.getHost(),
                    uri.getPort());
            missed.set(true);
            starting = Thread.ofVirtual().name("teller-redis-connect").start(this::keepStarting);
        }
    }

    /** Starts the container (it waits for the subscription); on failure leaves it stopped, to be started again. */
    private void startListening() {
        try {
            redis.listener().start();
        } catch (RuntimeException e) {
            redis.listener().stop();
            throw e;
        }
        RedisURI uri = RedisURI.create(properties.url());
        log.info("cluster node {} on Redis {}:{} (prefix {})", node, uri.getHost(), uri.getPort(), properties.prefix());
        check();
    }

    private void keepStarting() {
        RetryTemplate retry = new RetryTemplate(RetryPolicy.builder()
                .maxRetries(Long.MAX_VALUE)
                .delay(Duration.ofSeconds(2))
                .predicate(e -> !closed)
                .build());
        try {
            retry.execute(() -> {
                startListening();
                return null;
            });
        } catch (RetryException e) {
            log.debug("stopped trying to reach Redis: {}", e.getMessage());
        }
    }

    private void lost() {
        if (closed) {
            return;
        }
        missed.set(true);
        if (up) {
            up = false;
            log.warn("Redis is unreachable: this node serves its own connections until it is back");
        }
    }

    /**
     * Connections come and go separately, and one may open and drop at once while Redis is still away: whether
     * Redis answers is asked a moment after a connection opens or the subscription is made.
     */
    private void checkSoon() {
        if (!closed) {
            backCheck.schedule(this::check, 500, TimeUnit.MILLISECONDS);
        }
    }

    /** Up once subscribed and Redis answers; then a resync if notices may have been missed. */
    private void check() {
        if (closed || !redis.listener().isListening() || !answers()) {
            return;
        }
        up = true;
        if (missed.compareAndSet(true, false)) {
            log.info("Redis is back: delivery across nodes resumes, re-reading what was missed");
            redis.work().execute(() -> resyncs.forEach(ClusterBus::quietly));
        }
    }

    private boolean answers() {
        try {
            return "PONG".equals(redis.commands().execute((RedisCallback<String>) RedisConnection::ping));
        } catch (RuntimeException e) {
            log.debug("Redis does not answer yet: {}", e.getMessage());
            return false;
        }
    }

    /** The notices of the other nodes, on the container's threads; and each subscription confirmed. */
    private final class Notices implements MessageListener, SubscriptionListener {

        @Override
        public void onMessage(Message message, byte[] pattern) {
            String channel = new String(message.getChannel(), StandardCharsets.UTF_8);
            String body = new String(message.getBody(), StandardCharsets.UTF_8);
            int bar = body.indexOf('|');
            if (bar < 0 || body.substring(0, bar).equals(node)) {
                return; // our own notice: delivered locally already
            }
            String topic = channel.substring(channel.lastIndexOf(':') + 1);
            String payload = body.substring(bar + 1);
            received.increment();
            for (Consumer<String> h : handlers.getOrDefault(topic, List.of())) {
                quietly(() -> h.accept(payload));
            }
        }

        @Override
        public void onPatternSubscribed(byte[] pattern, long count) {
            if (subscriptions.incrementAndGet() > 1) {
                missed.set(true); // subscribed again after a reconnect: notices may have been lost meanwhile
            }
            checkSoon();
        }
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.debug("cluster handler failed: {}", e.getMessage());
        }
    }

    /**
     * Stops listening when the application starts closing: before Spring stops the Redis connections, so that their
     * closing is neither taken for Redis going away nor met by an unsubscription on a closed connection.
     */
    @EventListener(ContextClosedEvent.class)
    @PreDestroy
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        Thread t = starting;
        if (t != null) {
            t.interrupt();
        }
        Disposable events = connectionEvents;
        if (events != null) {
            events.dispose();
        }
        backCheck.shutdownNow();
        if (redis != null) {
            redis.listener().stop();
        }
    }
}
