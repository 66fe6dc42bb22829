package dev.teller.server.security.internal;

import dev.teller.server.security.LimitsProperties;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What each client address may still do: its requests a second (a Bucket4j token bucket, see {@link Buckets}) and
 * its open chat connections.
 * The address is the request's remote address: the socket's, or the one a trusted proxy forwarded when
 * {@code server.forward-headers-strategy} is {@code native}. IPv6 clients count per /64, the block one subscriber
 * gets, so that rotating addresses inside it gains nothing.
 *
 * <p>Memory stays bounded: an address with no open connection and a full bucket is forgotten (nothing is lost by
 * that) once a minute, and at once when more than {@code teller.limits.tracked-ips} are remembered; if that is not
 * enough, every address without an open connection is forgotten.
 */
@Component
public class ClientLimits {

    private static final long SWEEP_EVERY = TimeUnit.SECONDS.toNanos(60);
    private static final long SWEEP_WHEN_CROWDED = TimeUnit.MILLISECONDS.toNanos(100);

    /** One address: its request bucket and open connections, changed only inside the map's compute. */
    private static final class Client {
        final Bucket requests;
        int connections;

        Client(LimitsProperties limits, LongSupplier nanos) {
            requests = Buckets.of(limits.requestsPerSecondPerIp(), limits.requestBurstPerIp(), nanos);
        }

        /** Whether the bucket is full again: forgetting it then loses nothing. */
        boolean idle(LimitsProperties limits) {
            return connections == 0 && requests.getAvailableTokens() >= limits.requestBurstPerIp();
        }
    }

    /** An open connection counted against its address until closed (closing twice counts once). */
    public final class Lease implements AutoCloseable {
        private final String key;
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Lease(String key) {
            this.key = key;
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                clients.computeIfPresent(key, (k, c) -> {
                    c.connections--;
                    return c;
                });
            }
        }
    }

    private final LimitsProperties limits;
    private final LongSupplier nanos;
    private final ConcurrentHashMap<String, Client> clients = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep;
    private final AtomicBoolean sweeping = new AtomicBoolean();
    /** True when the last sweep left too many addresses holding connections to get under the bound. */
    private volatile boolean crowded;

    @Autowired
    public ClientLimits(LimitsProperties limits) {
        this(limits, System::nanoTime);
    }

    public ClientLimits(LimitsProperties limits, LongSupplier nanos) {
        this.limits = limits;
        this.nanos = nanos;
        this.lastSweep = new AtomicLong(nanos.getAsLong());
    }

    /**
     * Counts one request (or handshake) from {@code ip}: 0 when it may go on, else the nanoseconds until it may
     * send again.
     */
    public long request(String ip) {
        long now = nanos.getAsLong();
        long[] wait = {0};
        clients.compute(key(ip), (k, c) -> {
            Client client = c == null ? new Client(limits, nanos) : c;
            ConsumptionProbe probe = client.requests.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                wait[0] = Math.max(1, probe.getNanosToWaitForRefill());
            }
            return client;
        });
        sweep(now);
        return wait[0];
    }

    /** Opens a connection for {@code ip}, or null when it has {@code connections-per-ip} open already. */
    public Lease connect(String ip) {
        long now = nanos.getAsLong();
        String key = key(ip);
        boolean[] ok = {false};
        clients.compute(key, (k, c) -> {
            Client client = c == null ? new Client(limits, nanos) : c;
            if (client.connections < limits.connectionsPerIp()) {
                client.connections++;
                ok[0] = true;
            }
            return client;
        });
        sweep(now);
        return ok[0] ? new Lease(key) : null;
    }

    /** The open connections counted for {@code ip}. */
    public int connections(String ip) {
        Client c = clients.get(key(ip));
        return c == null ? 0 : c.connections;
    }

    /** How many addresses are remembered now. */
    public int tracked() {
        return clients.size();
    }

    public LimitsProperties limits() {
        return limits;
    }

    /**
     * Forgets idle addresses once a minute, and whenever more than {@code tracked-ips} are remembered (then, if
     * forgetting the idle ones was not enough, every address without an open connection). Should the addresses
     * holding connections alone be that many, it tries again at most every 100 ms rather than on every request.
     */
    private void sweep(long now) {
        boolean full = clients.size() > limits.trackedIps();
        long since = now - lastSweep.get();
        if (full ? crowded && since < SWEEP_WHEN_CROWDED : since < SWEEP_EVERY) {
            return;
        }
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            lastSweep.set(now);
            for (String key : clients.keySet()) {
                clients.computeIfPresent(key, (k, c) -> c.idle(limits) ? null : c);
            }
            long room = limits.trackedIps() * 9L / 10;
            if (clients.size() > room) {
                // Many busy addresses at once: keep only those holding connections. A forgotten address starts
                // again with a full bucket, which is lenient, never wrong.
                for (String key : clients.keySet()) {
                    clients.computeIfPresent(key, (k, c) -> c.connections == 0 ? null : c);
                }
            }
            crowded = clients.size() > room;
        } finally {
            sweeping.set(false);
        }
    }

    /** The key of a client address: the IPv4 address, or the /64 of an IPv6 one. */
    public static String key(String ip) {
        if (ip == null || ip.isEmpty()) {
            return "";
        }
        if (ip.indexOf(':') < 0) {
            return ip;
        }
        try {
            // A literal address: parsed, never looked up.
            InetAddress a = InetAddress.getByName(ip.startsWith("[") ? ip.substring(1, ip.length() - 1) : ip);
            if (a instanceof Inet6Address) {
                return HexFormat.of().formatHex(Arrays.copyOf(a.getAddress(), 8)) + "::/64";
            }
            return a.getHostAddress();
        } catch (UnknownHostException | RuntimeException e) {
            return ip;
        }
    }
}
