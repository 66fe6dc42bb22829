package dev.teller.server.supervisor.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/**
 * The numbers of the supervisor dashboard, counted from the supervisor's read models: the {@code supervisor_*} views
 * (migration V14) over the tables other features own. This class names no other feature's table.
 */
@Service
@Transactional(readOnly = true)
public class SupervisorViews {

    static final List<String> TIERS = List.of("ordinary", "urgent", "major");
    static final List<String> QUEUES = List.of("general", "senior", "risk");
    static final List<String> CATEGORIES = List.of("service", "product", "operation", "policy");

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

    /** The desk's load: open and unassigned work per queue, and each agent's. */
    public record Load(List<QueueLoad> queues, List<AgentLoad> agents) {}

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

    /**
     * What the dashboard reads of a message's meta (what the bot read in it); the rest is left out. Kept as Object
     * so that an intent counts under the name it was stored with ("null" when there is none).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Reading(Object intent, Object sentiment) {}

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public SupervisorViews(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    public List<Compliance> compliance() {
        Map<String, Compliance> byTier = byKey(
                jdbc.sql("""
                                SELECT tier,
                                       count(*) FILTER (WHERE first_responded_at IS NOT NULL AND NOT first_response_breached),
                                       count(*) FILTER (WHERE first_response_breached),
                                       count(*) FILTER (WHERE resolved_at IS NOT NULL AND NOT resolution_breached),
                                       count(*) FILTER (WHERE resolution_breached),
                                       count(*) FILTER (WHERE at_risk),
                                       count(*) FILTER (WHERE is_open)
                                FROM supervisor_ticket GROUP BY tier""")
                        .query((rs, n) -> new Compliance(
                                rs.getString(1),
                                rs.getLong(2),
                                rs.getLong(3),
                                rs.getLong(4),
                                rs.getLong(5),
                                rs.getLong(6),
                                rs.getLong(7)))
                        .list(),
                Compliance::tier);
        return TIERS.stream()
                .map(tier -> byTier.getOrDefault(tier, new Compliance(tier, 0, 0, 0, 0, 0, 0)))
                .toList();
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
                        SELECT resolution_due_at, tier, resolution_breached, resolved_at, at_risk FROM supervisor_ticket
                        WHERE resolution_due_at IS NOT NULL AND resolution_due_at >= ? AND resolution_due_at <= ?""")
                .params(Timestamp.from(since), Timestamp.from(clock.instant().plus(Duration.ofDays(7))))
                .query(rs -> {
                    boolean missed = rs.getBoolean(3);
                    boolean met = !missed && rs.getTimestamp(4) != null;
                    boolean atRisk = !missed && !met && rs.getBoolean(5);
                    if (met || missed || atRisk) {
                        long[] v = byKey.computeIfAbsent(
                                day(rs.getTimestamp(1).toInstant()) + " " + rs.getString(2), k -> new long[3]);
                        v[met ? 0 : missed ? 1 : 2]++;
                    }
                });
        List<DailyCompliance> out = new ArrayList<>();
        byKey.forEach((k, v) -> {
            String[] parts = k.split(" ");
            out.add(new DailyCompliance(parts[0], parts[1], v[0], v[1], v[2]));
        });
        return out;
    }

    public List<Breach> breaches(int limit) {
        return jdbc.sql("""
                        SELECT number, tier, queue, owner, target, due_at, fired_at FROM supervisor_breach
                        ORDER BY fired_at DESC, id DESC LIMIT ?""")
                .param(limit)
                .query(fiveTextsTwoInstants(Breach::new))
                .list();
    }

    public Load load() {
        Map<String, QueueLoad> byQueue = byKey(
                jdbc.sql("""
                                SELECT queue, count(*), count(*) FILTER (WHERE owner IS NULL)
                                FROM supervisor_ticket WHERE is_open GROUP BY queue""")
                        .query((rs, n) -> new QueueLoad(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                        .list(),
                QueueLoad::queue);
        List<QueueLoad> queues = QUEUES.stream()
                .map(q -> byQueue.getOrDefault(q, new QueueLoad(q, 0, 0)))
                .toList();
        List<AgentLoad> agents = jdbc.sql("""
                        SELECT username, display_name, presence, capacity, open_tickets FROM supervisor_agent_load
                        ORDER BY username""")
                .query((rs, n) ->
                        new AgentLoad(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5)))
                .list();
        return new Load(queues, agents);
    }

    public List<Holder> holders() {
        return jdbc.sql("""
                        SELECT number, tier, status, queue, owner, since, resolution_due_at FROM supervisor_holder
                        ORDER BY COALESCE(resolution_due_at, created_at), number""").query(fiveTextsTwoInstants(Holder::new)).list();
    }

    public Volume volume(int days) {
        Instant now = clock.instant();
        Map<String, Long> byCategory = new TreeMap<>();
        Map<String, Long> byDay = new TreeMap<>();
        Map<String, Long> byIntent = new TreeMap<>();
        jdbc.sql("SELECT category, created_at, complaint_meta FROM supervisor_ticket WHERE created_at >= ?")
                .param(Timestamp.from(now.minus(Duration.ofDays(days))))
                .query(rs -> {
                    byCategory.merge(rs.getString(1), 1L, Long::sum);
                    byDay.merge(day(instant(rs, 2)), 1L, Long::sum);
                    String meta = rs.getString(3);
                    byIntent.merge(meta == null ? "unknown" : intent(meta), 1L, Long::sum);
                });
        Timestamp weekAgo = Timestamp.from(now.minus(Duration.ofDays(7)));
        Map<String, HotSpot> byCategoryWeeks = byKey(
                jdbc.sql("""
                                SELECT category, count(*) FILTER (WHERE created_at >= ?), count(*) FILTER (WHERE created_at < ?)
                                FROM supervisor_ticket WHERE created_at >= ? GROUP BY category""")
                        .params(weekAgo, weekAgo, Timestamp.from(now.minus(Duration.ofDays(14))))
                        .query((rs, n) -> new HotSpot(
                                rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(2) - rs.getLong(3)))
                        .list(),
                HotSpot::category);
        List<HotSpot> hot = new ArrayList<>(CATEGORIES.stream()
                .map(c -> byCategoryWeeks.getOrDefault(c, new HotSpot(c, 0, 0, 0)))
                .toList());
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
        jdbc.sql("SELECT first_reply_meta, escalated FROM supervisor_self_service WHERE created_at >= ?")
                .param(Timestamp.from(since))
                .query(rs -> {
                    String meta = rs.getString(1);
                    String intent = meta == null ? "unknown" : intent(meta);
                    boolean settled = !rs.getBoolean(2);
                    long[] v = perIntent.computeIfAbsent(intent, k -> new long[2]);
                    v[0]++;
                    totals[0]++;
                    if (settled) {
                        v[1]++;
                        totals[1]++;
                    }
                });
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
        Timestamp since = Timestamp.from(clock.instant().minus(Duration.ofDays(days)));
        Map<String, double[]> sentiment = new TreeMap<>();
        jdbc.sql("""
                        SELECT created_at, meta FROM supervisor_transcript
                        WHERE sender = 'bot' AND meta IS NOT NULL AND created_at >= ?""").param(since).query(rs -> {
            if (json.readValue(rs.getString(2), Reading.class).sentiment() instanceof Number number) {
                double[] v = sentiment.computeIfAbsent(day(instant(rs, 1)), k -> new double[2]);
                v[0] += number.doubleValue();
                v[1]++;
            }
        });
        Map<String, int[]> nps = new TreeMap<>();
        jdbc.sql("SELECT answered_at, score FROM supervisor_nps_answer WHERE answered_at >= ?")
                .param(since)
                .query(rs -> {
                    int[] v = nps.computeIfAbsent(day(instant(rs, 1)), k -> new int[3]);
                    int score = rs.getInt(2);
                    v[0]++;
                    v[1] += score >= 9 ? 1 : 0;
                    v[2] += score <= 6 ? 1 : 0;
                });
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

    /** A conversation found by the transcript search, before its tickets and lines are read. */
    private record Found(UUID id, String language, String channel, Instant startedAt) {}

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
        String lang = language == null ? "" : language;
        List<Found> found = jdbc.sql("""
                        SELECT c.id, c.language, c.channel, c.created_at FROM supervisor_conversation c
                        WHERE (? = '' OR c.language = ?)
                        AND EXISTS (SELECT 1 FROM supervisor_transcript m WHERE m.conversation_id = c.id
                                    AND lower(m.text) LIKE ? ESCAPE '\\')
                        ORDER BY c.created_at DESC LIMIT ?""")
                .params(lang, lang, like, Math.min(limit, 200))
                .query((rs, n) ->
                        new Found(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), instant(rs, 4)))
                .list();
        List<Transcript> out = new ArrayList<>();
        for (Found c : found) {
            List<String> tickets = jdbc.sql(
                            "SELECT number FROM supervisor_ticket WHERE conversation_id = ? ORDER BY number")
                    .param(c.id())
                    .query(String.class)
                    .list();
            List<Line> lines = jdbc.sql("""
                            SELECT seq, sender, text, created_at FROM supervisor_transcript
                            WHERE conversation_id = ? ORDER BY seq""")
                    .param(c.id())
                    .query((rs, n) -> new Line(rs.getLong(1), rs.getString(2), rs.getString(3), instant(rs, 4)))
                    .list();
            out.add(new Transcript(c.id(), c.language(), c.channel(), c.startedAt(), tickets, lines));
        }
        return out;
    }

    /** The typical complaints of a month, with what customers said and what was done (voice of the customer). */
    public record Voice(String month, long complaints, long resolved, long breached, List<Theme> themes) {}

    /** One category of the month: how many, a few things customers said, and what was done about them. */
    public record Theme(String category, long complaints, List<String> said, List<String> done) {}

    /** @param month the month, or null for the clock's current month (UTC) */
    public Voice voice(YearMonth month) {
        if (month == null) {
            month = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        }
        Timestamp from =
                Timestamp.from(month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        Timestamp to = Timestamp.from(
                month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        Map<String, Long> perCategory = new TreeMap<>();
        jdbc.sql("""
                        SELECT category, count(*) FROM supervisor_ticket WHERE created_at >= ? AND created_at < ?
                        GROUP BY category""").params(from, to).query(rs -> {
            perCategory.put(rs.getString(1), rs.getLong(2));
        });
        List<Theme> themes = new ArrayList<>();
        for (String category : CATEGORIES) {
            long n = perCategory.getOrDefault(category, 0L);
            if (n == 0) {
                continue;
            }
            List<String> said = jdbc.sql("""
                            SELECT m.text FROM supervisor_ticket t
                            JOIN supervisor_transcript m ON m.conversation_id = t.conversation_id AND m.sender = 'customer'
                            WHERE t.category = ? AND t.created_at >= ? AND t.created_at < ?
                            ORDER BY t.created_at, m.seq LIMIT 3""").params(category, from, to).query(String.class).list().stream()
                    .map(x -> x.length() > 200 ? x.substring(0, 199) + "…" : x)
                    .toList();
            List<String> done =
                    jdbc.sql("""
                            SELECT remediation FROM supervisor_ticket
                            WHERE category = ? AND created_at >= ? AND created_at < ? AND remediation IS NOT NULL
                            ORDER BY resolved_at LIMIT 3""").params(category, from, to).query(String.class).list();
            themes.add(new Theme(category, n, said, done));
        }
        themes.sort((a, b) -> Long.compare(b.complaints(), a.complaints()));
        String name = month.toString();
        return jdbc.sql("""
                        SELECT count(*), count(*) FILTER (WHERE resolved_at IS NOT NULL),
                               count(*) FILTER (WHERE first_response_breached OR resolution_breached)
                        FROM supervisor_ticket WHERE created_at >= ? AND created_at < ?""")
                .params(from, to)
                .query((rs, n) -> new Voice(name, rs.getLong(1), rs.getLong(2), rs.getLong(3), themes))
                .single();
    }

    /** The intent the bot read, as the meta stored it (a missing one counts as "null", as it always has). */
    private String intent(String meta) {
        return String.valueOf(json.readValue(meta, Reading.class).intent());
    }

    private static <T> Map<String, T> byKey(List<T> rows, Function<T, String> key) {
        Map<String, T> out = new LinkedHashMap<>();
        rows.forEach(r -> out.put(key.apply(r), r));
        return out;
    }

    /** A row of a ticket's five texts and two instants, in the order of a record's components (a breach, a holder). */
    @FunctionalInterface
    private interface TicketRow<T> {
        T of(String a, String b, String c, String d, String e, Instant f, Instant g);
    }

    private static <T> RowMapper<T> fiveTextsTwoInstants(TicketRow<T> row) {
        return (rs, n) -> row.of(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                instant(rs, 6),
                instant(rs, 7));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static String day(Instant i) {
        return LocalDate.ofInstant(i, ZoneOffset.UTC).toString();
    }
}
