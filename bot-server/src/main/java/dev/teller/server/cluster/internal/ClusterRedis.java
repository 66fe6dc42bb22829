package dev.teller.server.cluster.internal;

import dev.teller.server.cluster.ClusterBus;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.StringUtils;

/**
 * Redis for a cluster node, through Spring Data Redis on Lettuce: only when {@code teller.redis.url} is set, so a
 * single node (the embedded default) has no Redis bean, connection or health check. Lettuce reconnects on its own
 * and subscribes again; commands fail at once while Redis is away rather than queueing, and none waits longer than
 * {@code teller.redis.timeout}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ClusterRedis.OnClusterNode.class)
public class ClusterRedis {

    /**
     * What {@link ClusterBus} uses on a cluster node: templates for commands and for publishing (without waiting),
     * the listener container it starts (Lettuce subscribes again by itself after a reconnect), the connection events,
     * and the threads that handle notices.
     */
    public record Parts(
            StringRedisTemplate commands,
            ReactiveStringRedisTemplate notices,
            RedisMessageListenerContainer listener,
            ClientResources resources,
            ExecutorService work)
            implements AutoCloseable {

        @Override
        public void close() throws Exception {
            listener.destroy();
            work.shutdownNow();
        }
    }

    /** {@code teller.redis.url} is set. */
    static final class OnClusterNode implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty("teller.redis.url"));
        }
    }

    @Bean(destroyMethod = "shutdown")
    ClientResources clusterRedisResources() {
        return DefaultClientResources.create();
    }

    @Bean
    LettuceConnectionFactory clusterRedisConnections(ClusterProperties properties, ClientResources resources) {
        RedisURI uri = RedisURI.create(properties.url());
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
                .apply(uri)
                .clientResources(resources)
                .commandTimeout(properties.timeout())
                .clientOptions(ClientOptions.builder()
                        .autoReconnect(true)
                        // While Redis is away a command fails at once rather than queueing without bound.
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .socketOptions(SocketOptions.builder()
                                .connectTimeout(properties.timeout())
                                .keepAlive(true)
                                .build())
                        .timeoutOptions(TimeoutOptions.enabled(properties.timeout()))
                        .build())
                .build();
        return new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(uri), client);
    }

    @Bean
    Parts clusterRedisParts(LettuceConnectionFactory connections, ClientResources resources) {
        // Notices are handled here, never on Redis's I/O threads: handlers read the database. Platform threads, so
        // that a handler waiting for a connection inside a monitor never pins a virtual thread's carrier.
        ExecutorService work = Executors.newFixedThreadPool(
                4, Thread.ofPlatform().name("teller-cluster-", 0).daemon(true).factory());
        RedisMessageListenerContainer listener = new RedisMessageListenerContainer();
        listener.setConnectionFactory(connections);
        listener.setTaskExecutor(work);
        listener.afterPropertiesSet();
        return new Parts(
                new StringRedisTemplate(connections),
                new ReactiveStringRedisTemplate(connections),
                listener,
                resources,
                work);
    }
}
