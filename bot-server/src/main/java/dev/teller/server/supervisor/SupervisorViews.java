package dev.teller.server.supervisor;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** The numbers of the supervisor dashboard, each computed straight from the tables that record it. */
@Service
@Transactional(readOnly = true)
public class SupervisorViews {

    private static final TypeReference<Map<String, Object>> META = new TypeReference<>() {};

    /** Met, missed and at risk for one tier; {@code open} counts tickets whose clock still runs. */
    public record Compliance(
            String tier,
            long firstResponseMet,
            long firstResponseMissed,
            long resolutionMet,
            long resolutionMissed,
            long atRisk,
            long open) {}

    public record Breach(
            String number, String tier, String queue, String owner, String target, Instant dueAt, Instant firedAt) {}

    public record QueueLoad(String queue, long open, long unassigned) {}

    public record AgentLoad(String username, String displayName, String presence, int capacity, long open) {}

    /** Who holds an open complaint now, and since when (work-order transparency). */
    public record Holder(
            String number,
            String tier,
            String status,
            String queue,
            String owner,
            Instant since,
            Instant resolutionDueAt) {}

    public record Volume(
            Map<String, Long> byCategory,
            Map<String, Long> byIntent,
            Map<String, Long> byDay,
            List<HotSpot> hotSpots) {}

    /** A category's complaints this week against the week before. */
    public record HotSpot(String category, long thisWeek, long lastWeek, long change) {}

    public record SelfService(long conversations, long settledByBot, Double rate, Map<String, double[]> byIntent) {}

    public record Day(String day, Double sentiment, long answers, Double nps) {}

    public record Transcript(
            UUID conversationId,
            String language,
            String channel,
            Instant startedAt,
            List<String> tickets,
            List<Line> lines) {}

    public record Line(long seq, String from, String text, Instant at) {}

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    SupervisorViews(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    public List<Compliance> compliance() {
        List<Compliance> out = new ArrayList<>();
        for (String tier : List.of("ordinary", "urgent", "major")) {
            out.add(new Compliance(
                    tier,
                    count(
                            "SELECT count(*) FROM ticket WHERE tier = ? AND first_responded_at IS NOT NULL AND NOT first_response_breached",
                            tier),
                    count("SELECT count(*) FROM ticket WHERE tier = ? AND first_response_breached", tier),
                    count(
                            "SELECT count(*) FROM ticket WHERE tier = ? AND resolved_at IS NOT NULL AND NOT resolution_breached",
                            tier),
                    count("SELECT count(*) FROM ticket WHERE tier = ? AND resolution_breached", tier),
                    count("""
                            SELECT count(*) FROM ticket t WHERE t.tier = ? AND t.status NOT IN ('resolved', 'closed')
                            AND NOT t.resolution_breached AND NOT t.first_response_breached
                            AND EXISTS (SELECT 1 FROM sla_event e WHERE e.ticket_id = t.id AND e.kind = 'warning' AND e.percent >= 75)""", tier),
                    count(
                            "SELECT count(*) FROM ticket WHERE tier = ? AND status NOT IN ('resolved', 'closed')",
                            tier)));
        }
        return out;
    }

    /**
     * One day's resolution deadlines of one tier: met (resolved in time), missed (breached), and at risk (still
     * open, not breached, past 75% of a deadline's time).
     */
    public record DailyCompliance(String day, String tier, long met, long missed, long atRisk) {}

    /**
     * Per day and tier, the resolution deadlines that fall that day (UTC), from {@code days} ago to a week ahead
     * (open tickets at risk have their deadline ahead of them): met, missed or at risk.
     */
    public List<DailyCompliance> dailyCompliance(int days) {
        Instant since = clock.instant().minus(Duration.ofDays(days));
        Map<String, long[]> byKey = new TreeMap<>();
        jdbc.sql("""
                        SELECT t.resolution_due_at, t.tier, t.resolution_breached, t.resolved_at,
                               t.status NOT IN ('resolved', 'closed') AND NOT t.first_response_breached
                               AND EXISTS (SELECT 1 FROM sla_event e WHERE e.ticket_id = t.id AND e.kind = 'warning' AND e.percent >= 75)
                        FROM ticket t
                        WHERE t.resolution_due_at IS NOT NULL AND t.resolution_due_at >= ? AND t.resolution_due_at <= ?""")
                .params(Timestamp.from(since), Timestamp.from(clock.instant().plus(Duration.ofDays(7))))
                .query((rs, n) -> {
                    boolean missed = rs.getBoolean(3);
                    boolean met = !missed && rs.getTimestamp(4) != null;
                    boolean atRisk = !missed && !met && rs.getBoolean(5);
                    if (met || missed || atRisk) {
                        long[] v = byKey.computeIfAbsent(
                                day(rs.getTimestamp(1).toInstant()) + " " + rs.getString(2), k -> new long[3]);
                        v[met ? 0 : missed ? 1 : 2]++;
                    }
                    return 0;
                })
                .list();
        List<DailyCompliance> out = new ArrayList<>();
        byKey.forEach((k, v) -> {
            String[] parts = k.split(" ");
            out.add(new DailyCompliance(parts[0], parts[1], v[0], v[1], v[2]));
        });
        return out;
    }

    public List<Breach> breaches(int limit) {
        return jdbc.sql("""
                        SELECT t.number, t.tier, t.queue, t.owner, e.target, e.due_at, e.fired_at
                        FROM sla_event e JOIN ticket t ON t.id = e.ticket_id WHERE e.kind = 'breach'
                        ORDER BY e.fired_at DESC, e.id DESC LIMIT ?""")
                .param(limit)
                .query((rs, n) -> new Breach(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getTimestamp(6).toInstant(),
                        rs.getTimestamp(7).toInstant()))
                .list();
    }

    public Map<String, Object> load() {
        List<QueueLoad> queues = new ArrayList<>();
        for (String q : List.of("general", "senior", "risk")) {
            queues.add(new QueueLoad(
                    q,
                    count("SELECT count(*) FROM ticket WHERE queue = ? AND status NOT IN ('resolved', 'closed')", q),
                    count(
                            "SELECT count(*) FROM ticket WHERE queue = ? AND owner IS NULL AND status NOT IN ('resolved', 'closed')",
                            q)));
        }
        List<AgentLoad> agents = jdbc.sql("""
                        SELECT s.username, s.display_name, s.presence, s.capacity,
                               (SELECT count(*) FROM ticket t WHERE t.owner = s.username AND t.status NOT IN ('resolved', 'closed'))
                        FROM staff s WHERE s.role = 'agent' ORDER BY s.username""")
                .query((rs, n) ->
                        new AgentLoad(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5)))
                .list();
        return Map.of("queues", queues, "agents", agents);
    }

    public List<Holder> holders() {
        return jdbc.sql("""
                        SELECT t.number, t.tier, t.status, t.queue, t.owner,
                               COALESCE((SELECT max(a.at) FROM ticket_audit a WHERE a.ticket_id = t.id
                                         AND a.field IN ('owner', 'queue', 'created')), t.created_at),
                               t.resolution_due_at
                        FROM ticket t WHERE t.status NOT IN ('resolved', 'closed')
                        ORDER BY COALESCE(t.resolution_due_at, t.created_at), t.number""")
                .query((rs, n) -> new Holder(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getTimestamp(6).toInstant(),
                        rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()))
                .list();
    }

    public Volume volume(int days) {
        Instant now = clock.instant();
        Instant since = now.minus(Duration.ofDays(days));
        Map<String, Long> byCategory = new TreeMap<>();
        Map<String, Long> byDay = new TreeMap<>();
        Map<String, Long> byIntent = new TreeMap<>();
        jdbc.sql("""
                        SELECT t.category, t.created_at, m.meta FROM ticket t
                        JOIN escalation e ON e.id = t.escalation_id
                        LEFT JOIN message m ON m.conversation_id = e.conversation_id AND m.seq = e.message_seq
                        WHERE t.created_at >= ?""")
                .param(Timestamp.from(since))
                .query((rs, n) -> {
                    byCategory.merge(rs.getString(1), 1L, Long::sum);
                    byDay.merge(day(rs.getTimestamp(2).toInstant()), 1L, Long::sum);
                    String intent = rs.getString(3) == null
                            ? null
                            : String.valueOf(
                                    json.readValue(rs.getString(3), META).get("intent"));
                    byIntent.merge(intent == null ? "unknown" : intent, 1L, Long::sum);
                    return 0;
                })
                .list();
        List<HotSpot> hot = new ArrayList<>();
        Instant weekAgo = now.minus(Duration.ofDays(7));
        Instant twoWeeksAgo = now.minus(Duration.ofDays(14));
        for (String category : List.of("service", "product", "operation", "policy")) {
            long thisWeek = count(
                    "SELECT count(*) FROM ticket WHERE category = ? AND created_at >= ?",
                    category,
                    Timestamp.from(weekAgo));
            long lastWeek = count(
                    "SELECT count(*) FROM ticket WHERE category = ? AND created_at >= ? AND created_at < ?",
                    category,
                    Timestamp.from(twoWeeksAgo),
                    Timestamp.from(weekAgo));
            hot.add(new HotSpot(category, thisWeek, lastWeek, thisWeek - lastWeek));
        }
        hot.sort((a, b) -> Long.compare(b.change(), a.change()));
        return new Volume(byCategory, byIntent, byDay, hot);
    }

    /**
     * Conversations the bot settled without a person (no escalation) against all conversations with a customer
     * message; per intent of their first message, [conversations, settled, rate].
     */
    public SelfService selfService(int days) {
        Instant since = clock.instant().minus(Duration.ofDays(days));
        Map<String, long[]> perIntent = new TreeMap<>();
        long[] totals = new long[2];
        jdbc.sql("""
                        SELECT c.id,
                               (SELECT m.meta FROM message m WHERE m.conversation_id = c.id AND m.sender = 'bot' ORDER BY m.seq LIMIT 1),
                               EXISTS (SELECT 1 FROM escalation e WHERE e.conversation_id = c.id)
                        FROM conversation c WHERE c.created_at >= ?
                        AND EXISTS (SELECT 1 FROM message m WHERE m.conversation_id = c.id AND m.sender = 'customer')""")
                .param(Timestamp.from(since))
                .query((rs, n) -> {
                    String meta = rs.getString(2);
                    String intent = meta == null
                            ? "unknown"
                            : String.valueOf(json.readValue(meta, META).get("intent"));
                    boolean settled = !rs.getBoolean(3);
                    long[] v = perIntent.computeIfAbsent(intent, k -> new long[2]);
                    v[0]++;
                    totals[0]++;
                    if (settled) {
                        v[1]++;
                        totals[1]++;
                    }
                    return 0;
                })
                .list();
        Map<String, double[]> byIntent = new LinkedHashMap<>();
        perIntent.forEach((k, v) ->
                byIntent.put(k, new double[] {v[0], v[1], Math.round(1000.0 * v[1] / v[0]) / 1000.0}));
        return new SelfService(
                totals[0],
                totals[1],
                totals[0] == 0 ? null : Math.round(1000.0 * totals[1] / totals[0]) / 1000.0,
                byIntent);
    }

    /** Per day: the customers' mean sentiment (as the bot read it) and the NPS of that day's answers. */
    public List<Day> trends(int days) {
        Instant since = clock.instant().minus(Duration.ofDays(days));
        Map<String, double[]> sentiment = new TreeMap<>();
        jdbc.sql("SELECT created_at, meta FROM message WHERE sender = 'bot' AND meta IS NOT NULL AND created_at >= ?")
                .param(Timestamp.from(since))
                .query((rs, n) -> {
                    Object s = json.readValue(rs.getString(2), META).get("sentiment");
                    if (s instanceof Number number) {
                        double[] v =
                                sentiment.computeIfAbsent(day(rs.getTimestamp(1).toInstant()), k -> new double[2]);
                        v[0] += number.doubleValue();
                        v[1]++;
                    }
                    return 0;
                })
                .list();
        Map<String, int[]> nps = new TreeMap<>();
        jdbc.sql("SELECT answered_at, score FROM followup WHERE score IS NOT NULL AND answered_at >= ?")
                .param(Timestamp.from(since))
                .query((rs, n) -> {
                    int[] v = nps.computeIfAbsent(day(rs.getTimestamp(1).toInstant()), k -> new int[3]);
                    int score = rs.getInt(2);
                    v[0]++;
                    v[1] += score >= 9 ? 1 : 0;
                    v[2] += score <= 6 ? 1 : 0;
                    return 0;
                })
                .list();
        TreeMap<String, Day> out = new TreeMap<>();
        sentiment.forEach((d, v) -> out.put(d, new Day(d, Math.round(1000 * v[0] / v[1]) / 1000.0, 0, null)));
        nps.forEach((d, v) -> {
            Day before = out.get(d);
            out.put(
                    d,
                    new Day(
                            d,
                            before == null ? null : before.sentiment(),
                            v[0],
                            Math.round(1000.0 * (v[1] - v[2]) / v[0]) / 10.0));
        });
        return List.copyOf(out.values());
    }

    /**
     * Conversations with a message containing {@code query} (any language; case-insensitive), newest first, with
     * their whole (masked) transcripts.
     */
    public List<Transcript> transcripts(String query, String language, int limit) {
        String q = query == null ? "" : query.strip();
        if (q.length() > 200) {
            q = q.substring(0, 200);
        }
        String like = "%"
                + q.toLowerCase(Locale.ROOT)
                        .replace("\\", "\\\\")
                        .replace("%", "\\%")
                        .replace("_", "\\_") + "%";
        List<UUID> ids = jdbc.sql("""
                        SELECT c.id FROM conversation c WHERE (? = '' OR c.language = ?)
                        AND EXISTS (SELECT 1 FROM message m WHERE m.conversation_id = c.id AND lower(m.text) LIKE ? ESCAPE '\\')
                        ORDER BY c.created_at DESC LIMIT ?""")
                .params(language == null ? "" : language, language == null ? "" : language, like, Math.min(limit, 200))
                .query(UUID.class)
                .list();
        List<Transcript> out = new ArrayList<>();
        for (UUID id : ids) {
            var head = jdbc.sql("SELECT language, channel, created_at FROM conversation WHERE id = ?")
                    .param(id)
                    .query((rs, n) -> new Object[] {
                        rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()
                    })
                    .single();
            List<String> tickets = jdbc.sql("SELECT number FROM ticket WHERE conversation_id = ? ORDER BY number")
                    .param(id)
                    .query(String.class)
                    .list();
            List<Line> lines = jdbc.sql(
                            "SELECT seq, sender, text, created_at FROM message WHERE conversation_id = ? ORDER BY seq")
                    .param(id)
                    .query((rs, n) -> new Line(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getTimestamp(4).toInstant()))
                    .list();
            out.add(new Transcript(id, (String) head[0], (String) head[1], (Instant) head[2], tickets, lines));
        }
        return out;
    }

    /** The typical complaints of a month, with what customers said and what was done (voice of the customer). */
    public record Voice(String month, long complaints, long resolved, long breached, List<Theme> themes) {}

    /** One category of the month: how many, a few things customers said, and what was done about them. */
    public record Theme(String category, long complaints, List<String> said, List<String> done) {}

    /** @param month the month, or null for the clock's current month (UTC) */
    public Voice voice(java.time.YearMonth month) {
        if (month == null) {
            month = java.time.YearMonth.now(clock.withZone(ZoneOffset.UTC));
        }
        Timestamp from =
                Timestamp.from(month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        Timestamp to = Timestamp.from(
                month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        List<Theme> themes = new ArrayList<>();
        for (String category : List.of("service", "product", "operation", "policy")) {
            long n = count(
                    "SELECT count(*) FROM ticket WHERE category = ? AND created_at >= ? AND created_at < ?",
                    category,
                    from,
                    to);
            if (n == 0) {
                continue;
            }
            List<String> said = jdbc.sql("""
                            SELECT m.text FROM ticket t JOIN message m ON m.conversation_id = t.conversation_id
                            AND m.sender = 'customer'
                            WHERE t.category = ? AND t.created_at >= ? AND t.created_at < ?
                            ORDER BY t.created_at, m.seq LIMIT 3""").params(category, from, to).query(String.class).list().stream()
                    .map(x -> x.length() > 200 ? x.substring(0, 199) + "…" : x)
                    .toList();
            List<String> done =
                    jdbc.sql("""
                            SELECT remediation FROM ticket WHERE category = ? AND created_at >= ? AND created_at < ?
                            AND remediation IS NOT NULL ORDER BY resolved_at LIMIT 3""").params(category, from, to).query(String.class).list();
            themes.add(new Theme(category, n, said, done));
        }
        themes.sort((a, b) -> Long.compare(b.complaints(), a.complaints()));
        return new Voice(
                month.toString(),
                count("SELECT count(*) FROM ticket WHERE created_at >= ? AND created_at < ?", from, to),
                count(
                        "SELECT count(*) FROM ticket WHERE created_at >= ? AND created_at < ? AND resolved_at IS NOT NULL",
                        from,
                        to),
                count("""
                        SELECT count(*) FROM ticket WHERE created_at >= ? AND created_at < ?
                        AND (first_response_breached OR resolution_breached)""", from, to),
                themes);
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private static String day(Instant i) {
        return LocalDate.ofInstant(i, ZoneOffset.UTC).toString();
    }
}
