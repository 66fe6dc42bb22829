package dev.teller.server.agent.internal;

import dev.teller.server.cluster.ClusterBus;
import dev.teller.server.complaint.TicketQueries;
import dev.teller.server.security.StaffDirectory;
import dev.teller.server.security.StaffDirectory.Agent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Agents' presence and load (open tickets held) where every node sees them: two Redis hashes when the nodes meet
 * on Redis. A new ticket takes one of an agent's slots atomically there, so that two nodes routing at the same
 * moment never give an agent more than their capacity; a slot is given back when the ticket is resolved or
 * closed (or when the routing's transaction fails), and taken again when it is reopened. PostgreSQL keeps the
 * durable copy (each account's presence in {@link StaffDirectory}, the tickets themselves, counted by
 * {@link TicketQueries}): the hashes are filled from it when a node starts and whenever Redis comes back, and
 * while Redis cannot answer, routing reads the database alone. On a single node there is nothing to share and the
 * database serves.
 */
@Component
public class AgentBoard {

    private static final Logger log = LoggerFactory.getLogger(AgentBoard.class);

    /** Takes a slot when the agent has room: KEYS[1] the load hash, ARGV[1] the agent, ARGV[2] their capacity. */
    private static final RedisScript<Long> TAKE_SLOT = RedisScript.of("""
            local n = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
            if n < tonumber(ARGV[2]) then
              redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
              return 1
            end
            return 0""", Long.class);

    private final ClusterBus cluster;
    private final StaffDirectory staff;
    private final TicketQueries tickets;
    private final String presenceKey;
    private final String loadKey;

    public AgentBoard(ClusterBus cluster, StaffDirectory staff, TicketQueries tickets) {
        this.cluster = cluster;
        this.staff = staff;
        this.tickets = tickets;
        this.presenceKey = cluster.key("agents:presence");
        this.loadKey = cluster.key("agents:load");
        cluster.onResync(this::fill);
    }

    /** Records a presence that the database already holds. */
    public void presence(String username, String presence) {
        cluster.call(r -> {
            r.opsForHash().put(presenceKey, username, presence);
            return true;
        });
    }

    /**
     * The first online candidate (the agents of a queue, in the order they should get its next ticket) who has
     * room, taking one of their slots; empty inside when nobody has room, and empty outside when Redis cannot tell
     * (single node, or Redis away): then the database decides. Presence and load are Redis's here, not the
     * candidates' own.
     */
    public Optional<Optional<String>> take(Supplier<List<Agent>> candidates) {
        if (!cluster.clustered() || !cluster.connected()) {
            return Optional.empty();
        }
        Optional<Map<String, String>> presence =
                cluster.call(r -> r.<String, String>opsForHash().entries(presenceKey));
        if (presence.isEmpty()) {
            return Optional.empty();
        }
        for (Agent c : candidates.get()) {
            if (!"online".equals(presence.get().get(c.username()))) {
                continue;
            }
            Optional<Long> taken = cluster.call(
                    r -> r.execute(TAKE_SLOT, List.of(loadKey), c.username(), Integer.toString(c.capacity())));
            if (taken.isEmpty()) {
                return Optional.empty();
            }
            if (taken.get() == 1) {
                return Optional.of(Optional.of(c.username()));
            }
        }
        return Optional.of(Optional.empty());
    }

    /** Changes an agent's load by {@code delta} slots (a ticket resolved, reopened or claimed by hand). */
    public void add(String username, int delta) {
        cluster.call(r -> r.opsForHash().increment(loadKey, username, delta));
    }

    /** Fills both hashes from the database: at start-up, and when Redis is back (it may have lost them). */
    @EventListener(ApplicationReadyEvent.class)
    void fill() {
        if (!cluster.clustered()) {
            return;
        }
        Map<String, String> presence = new HashMap<>();
        Map<String, String> load = new HashMap<>();
        Map<String, Long> open = tickets.openByOwner();
        for (Agent a : staff.agents()) {
            presence.put(a.username(), a.presence());
            load.put(a.username(), Long.toString(open.getOrDefault(a.username(), 0L)));
        }
        if (presence.isEmpty()) {
            return;
        }
        if (cluster.call(r -> {
                    r.opsForHash().putAll(presenceKey, presence);
                    r.opsForHash().putAll(loadKey, load);
                    return true;
                })
                .isPresent()) {
            log.info("agents' presence and load shared on Redis ({} agents)", presence.size());
        }
    }
}
