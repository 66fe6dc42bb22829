package dev.teller.server.cluster.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the cluster's nodes meet ({@code teller.redis.*}).
 *
 * @param url a Redis URL ({@code redis://host:6379}); empty for a single node with in-process state
 * @param prefix the start of every channel and key, so that several Tellers (or tests) share one Redis
 * @param timeout the longest a command, a publish or a connection attempt may wait for Redis
 */
@ConfigurationProperties("teller.redis")
public record ClusterProperties(
        @DefaultValue("") String url,
        @DefaultValue("teller") String prefix,
        @DefaultValue("PT1S") Duration timeout) {}
