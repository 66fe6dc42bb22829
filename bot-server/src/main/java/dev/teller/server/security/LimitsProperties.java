package dev.teller.server.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits that keep one client from taking the server for itself ({@code teller.limits.*}).
 *
 * @param framesPerSecond frames one {@code /ws/chat} connection may send a second, whatever they hold (a token
 *     bucket); a frame over it gets an {@code error} frame {@code rate_limited} and is dropped
 * @param frameBurst frames a connection may send at once before {@code framesPerSecond} applies
 * @param floodTolerance dropped frames a connection may run up before it is closed with 1008 (policy violation);
 *     they are forgiven at {@code framesPerSecond}, so a client sending 10 times the limit is closed after about
 *     {@code floodTolerance / (9 * framesPerSecond)} seconds and one just over the limit never is
 * @param connectionsPerIp open {@code /ws/chat} connections per client address (a carrier's NAT puts many
 *     customers behind one); the next handshake is refused with 429
 * @param requestsPerSecondPerIp requests and handshakes per client address a second, to any path (a token
 *     bucket); the next is refused with 429 and {@code Retry-After}
 * @param requestBurstPerIp requests a client address may send at once before {@code requestsPerSecondPerIp} applies
 * @param trackedIps client addresses remembered at most; idle ones (no connection, a full bucket) are forgotten
 *     first, so memory stays bounded whatever the number of addresses
 * @param maxBody the largest request body accepted; a larger one is refused with 413 before it is read
 * @param bodyTimeout the time a request's body may take to arrive, whole; a slower one is refused with 408 and its
 *     connection closed, so that a client trickling bytes holds no worker thread for long
 */
@ConfigurationProperties("teller.limits")
public record LimitsProperties(
        @DefaultValue("20") double framesPerSecond,
        @DefaultValue("40") int frameBurst,
        @DefaultValue("400") int floodTolerance,
        @DefaultValue("200") int connectionsPerIp,
        @DefaultValue("50") double requestsPerSecondPerIp,
        @DefaultValue("200") int requestBurstPerIp,
        @DefaultValue("100000") int trackedIps,
        @DefaultValue("1MB") DataSize maxBody,
        @DefaultValue("10s") Duration bodyTimeout) {

    public LimitsProperties {
        if (!(framesPerSecond > 0) || frameBurst < 1 || floodTolerance < 1) {
            throw new IllegalArgumentException(
                    "teller.limits: frames-per-second must be positive, frame-burst and flood-tolerance at least 1");
        }
        if (connectionsPerIp < 1 || !(requestsPerSecondPerIp > 0) || requestBurstPerIp < 1 || trackedIps < 1) {
            throw new IllegalArgumentException("teller.limits: the per-address limits must be positive");
        }
        if (maxBody == null || maxBody.toBytes() < 1024 || bodyTimeout == null || bodyTimeout.toMillis() < 100) {
            throw new IllegalArgumentException(
                    "teller.limits: max-body must be at least 1KB and body-timeout at least 100ms");
        }
    }

    /** The defaults, as application.yml has them. */
    public static LimitsProperties defaults() {
        return new LimitsProperties(
                20, 40, 400, 200, 50, 200, 100_000, DataSize.ofMegabytes(1), Duration.ofSeconds(10));
    }
}
