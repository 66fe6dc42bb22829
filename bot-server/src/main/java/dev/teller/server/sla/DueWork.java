package dev.teller.server.sla;

import com.github.kagkarlsson.scheduler.PollingStrategyConfig;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.SystemClock;
import com.github.kagkarlsson.scheduler.Waiter;
import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import com.github.kagkarlsson.scheduler.testhelper.ManualScheduler;
import com.github.kagkarlsson.scheduler.testhelper.SettableClock;
import com.github.kagkarlsson.scheduler.testhelper.TestHelper;
import dev.teller.server.sla.internal.SlaProperties;
import java.lang.management.ManagementFactory;
import java.sql.DatabaseMetaData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one persistent scheduler of due work, SLA timers and NPS follow-ups alike: db-scheduler on the application's
 * database (table {@code scheduled_tasks}), polled by every server instance, each execution run by exactly one of
 * them. An execution is a wake-up call ("look at this timer then"); the feature's own row ({@code sla_timer},
 * {@code followup}) stays the record of what is due and whether it happened, and its {@link Job} claims that row by
 * a conditional update in the same transaction as its effects. So a piece of work happens once even when
 * db-scheduler runs an execution a second time (an instance died while running it, and another revived it after
 * {@code teller.sla.heartbeat} times four), and work that fell due while every instance was down runs at the next
 * start.
 *
 * <p>Time is the application's {@link Clock} (a test moves it by hand, an operator may offset it); how often to
 * look is real time. With {@code teller.sla.poll-interval} zero nothing polls: due work runs only when
 * {@link #runDue()} is called, in the caller's thread (db-scheduler's manual scheduler), as tests do.
 */
@Component
public class DueWork {

    private static final Logger log = LoggerFactory.getLogger(DueWork.class);

    /** The first retry of an execution that failed; each further one waits twice as long, up to {@link #RETRY_MAX}. */
    private static final Duration RETRY_FIRST = Duration.ofSeconds(1);

    private static final Duration RETRY_MAX = Duration.ofMinutes(10);

    /** How many times a job's transaction is run at once when it loses a conflict (a deadlock) with another. */
    private static final int CONFLICT_ATTEMPTS = 3;

    /** At most this many rounds of due work in one {@link #runDue()}, in case an execution keeps falling due. */
    private static final int MAX_ROUNDS = 1000;

    /** A kind of due work: what to do when one of its executions falls due. */
    public interface Job {

        /** The task name its executions are stored under; never renamed (stored executions would be orphaned). */
        String name();

        /**
         * Does the work that {@code key} names, if it is still due, in a transaction of its own (a failure rolls it
         * back and the execution is tried again later); {@code by} names this server instance, to sign the work.
         */
        Outcome run(String key, Instant now, String by);
    }

    /**
     * Upkeep that recurs: run by one instance at a time, {@link #every()} after it last ended, also after a restart.
     * Only where due work runs by itself ({@code teller.sla.poll-interval} set); where it is zero, nothing recurs.
     */
    public interface Routine {

        /** The task name its one execution is stored under; never renamed. */
        String name();

        /** How long after a run ends the next one starts. */
        Duration every();

        /** Does the upkeep; a failure is logged and the routine runs again {@link #every()} later. */
        void run();
    }

    /**
     * What running one execution came to.
     *
     * @param acted whether the work was done now (not found done already, gone or no longer due)
     * @param lookAgainAt when to run the execution again (its work is due later than the execution was), or null
     */
    public record Outcome(boolean acted, Instant lookAgainAt) {

        public static Outcome done() {
            return new Outcome(true, null);
        }

        public static Outcome nothingToDo() {
            return new Outcome(false, null);
        }

        public static Outcome lookAgainAt(Instant at) {
            return new Outcome(false, at);
        }
    }

    private final Scheduler scheduler;
    private final ManualScheduler manual;
    private final TransactionTemplate tx;
    private final String instance;
    private final Map<String, AtomicInteger> acted = new ConcurrentHashMap<>();
    private final AtomicInteger ran = new AtomicInteger();

    DueWork(
            DataSource dataSource,
            Clock clock,
            SlaProperties properties,
            List<Job> jobs,
            List<Routine> routines,
            TransactionTemplate tx) {
        this.tx = tx;
        this.instance = ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
        List<Task<?>> tasks = new ArrayList<>();
        for (Job job : jobs) {
            acted.put(job.name(), new AtomicInteger());
            tasks.add(task(job, clock));
        }
        // Scheduling joins the caller's transaction: a timer row and its execution are committed together.
        DataSource joined = new TransactionAwareDataSourceProxy(dataSource);
        boolean postgres = "PostgreSQL".equals(productName(dataSource));
        JdbcCustomization sql =
                postgres ? new PostgreSqlJdbcCustomization(false, false) : new DefaultJdbcCustomization(false);
        AppClock now = new AppClock(clock);
        Duration every = properties.pollInterval();
        if (every.isZero() || every.isNegative()) {
            TestHelper.ManualSchedulerBuilder b = TestHelper.createManualScheduler(joined, tasks);
            b.clock(now);
            b.jdbcCustomization(sql).schedulerName(new SchedulerName.Fixed(instance));
            this.manual = b.build();
            this.scheduler = manual;
        } else {
            SchedulerBuilder b = new RealTimePolling(joined, tasks)
                    .clock(now)
                    .jdbcCustomization(sql)
                    .schedulerName(new SchedulerName.Fixed(instance))
                    .pollingInterval(every)
                    .threads(properties.threads())
                    .heartbeatInterval(properties.heartbeat())
                    .missedHeartbeatsLimit(4)
                    .shutdownMaxWait(Duration.ofSeconds(5));
            List<RecurringTask<Void>> recurring = routines.stream()
                    .map(r -> Tasks.recurring(r.name(), Schedules.fixedDelay(r.every()))
                            .execute((execution, context) -> r.run()))
                    .toList();
            b.startTasks(recurring);
            if (postgres) {
                // One statement picks a batch (SELECT … FOR UPDATE SKIP LOCKED): an instance skips what another is
                // picking.
                b.pollUsingLockAndFetch(
                        PollingStrategyConfig.DEFAULT_SELECT_FOR_UPDATE.lowerLimitFractionOfThreads,
                        PollingStrategyConfig.DEFAULT_SELECT_FOR_UPDATE.upperLimitFractionOfThreads);
            }
            this.manual = null;
            this.scheduler = b.build();
        }
    }

    /**
     * Schedules executions of {@code job} at the given times, keyed by what they are to look at. Joins the caller's
     * transaction, so that the rows that say what is due and their executions are committed, or not, together. A
     * key is never scheduled twice: a job whose times move gives each new time a key of its own.
     */
    public void schedule(String job, Map<String, Instant> at) {
        if (at.isEmpty()) {
            return;
        }
        List<SchedulableInstance<?>> batch = new ArrayList<>(at.size());
        at.forEach((key, when) -> batch.add(SchedulableInstance.of(new TaskInstance<Void>(job, key), when)));
        scheduler.scheduleBatch(batch);
    }

    /**
     * Runs every execution due by now, of every job, in the calling thread, and returns how many acted per job.
     * Only when nothing polls ({@code teller.sla.poll-interval} zero, as in tests).
     */
    public synchronized Map<String, Integer> runDue() {
        if (manual == null) {
            throw new IllegalStateException(
                    "due work runs by itself here (teller.sla.poll-interval is set); runDue() is for when it is zero");
        }
        Map<String, Integer> before = counts();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            int ranBefore = ran.get();
            manual.runAnyDueExecutions();
            if (ran.get() == ranBefore) {
                break;
            }
        }
        Map<String, Integer> out = counts();
        out.replaceAll((job, n) -> n - before.get(job));
        return out;
    }

    private Map<String, Integer> counts() {
        Map<String, Integer> out = new TreeMap<>();
        acted.forEach((job, n) -> out.put(job, n.get()));
        return out;
    }

    private Task<Void> task(Job job, Clock clock) {
        return Tasks.custom(job.name(), Void.class).onFailure(retry()).execute((execution, context) -> {
            try {
                Outcome o = runInTransaction(job, execution.getId(), clock);
                if (o.acted()) {
                    acted.get(job.name()).incrementAndGet();
                }
                return o.lookAgainAt() == null
                        ? new CompletionHandler.OnCompleteRemove<>()
                        : (done, ops) -> ops.reschedule(done, o.lookAgainAt());
            } finally {
                ran.incrementAndGet();
            }
        });
    }

    /**
     * Runs a job's work in a transaction, again at once (up to {@link #CONFLICT_ATTEMPTS} times) when the database
     * chose it as the loser of a conflict with another transaction: two timers of one ticket that fire together
     * both lock the ticket (recording the event, marking the breach) and may deadlock, which is no failure of either.
     */
    private Outcome runInTransaction(Job job, String key, Clock clock) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.execute(s -> job.run(key, clock.instant(), instance));
            } catch (ConcurrencyFailureException e) {
                if (attempt == CONFLICT_ATTEMPTS) {
                    throw e;
                }
                log.info(
                        "{} {} gave way to another transaction ({}); running it again",
                        job.name(),
                        key,
                        e.getMostSpecificCause()
                                .getMessage()
                                .lines()
                                .findFirst()
                                .orElse(""));
            }
        }
    }

    /** Tries a failed execution again after 1 s, then twice as long each time, at most every ten minutes. */
    private static FailureHandler<Void> retry() {
        return (failed, ops) -> {
            int failures = Math.min(failed.getExecution().consecutiveFailures, 20);
            Duration wait = RETRY_FIRST.multipliedBy(1L << failures);
            ops.reschedule(failed, failed.getTimeDone().plus(wait.compareTo(RETRY_MAX) > 0 ? RETRY_MAX : wait));
        };
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (manual == null) {
            scheduler.start();
        }
    }

    @EventListener(ContextClosedEvent.class)
    void stop() {
        if (manual == null) {
            scheduler.stop();
        }
    }

    private static String productName(DataSource dataSource) {
        try {
            return JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
        } catch (MetaDataAccessException e) {
            log.warn("could not tell which database this is ({}); scheduling as on any database", e.toString());
            return "";
        }
    }

    /** db-scheduler's clock, read from the application's. */
    private static final class AppClock extends SettableClock {
        private final Clock clock;

        AppClock(Clock clock) {
            this.clock = clock;
        }

        @Override
        public Instant now() {
            return clock.instant();
        }
    }

    /**
     * Due work is looked for every poll interval of real time, whatever the application's clock says (a clock that a
     * test holds still would otherwise stop the polling).
     */
    private static final class RealTimePolling extends SchedulerBuilder {
        RealTimePolling(DataSource dataSource, List<Task<?>> tasks) {
            super(dataSource, tasks);
        }

        @Override
        protected Waiter buildWaiter() {
            return new Waiter(poolingInterval, new SystemClock());
        }
    }
}
