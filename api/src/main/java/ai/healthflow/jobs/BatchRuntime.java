package ai.healthflow.jobs;

import ai.healthflow.batch.engine.BatchEngine;
import ai.healthflow.batch.engine.BatchScheduler;
import ai.healthflow.batch.engine.JobDefinition;
import com.codahale.metrics.CachedGauge;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.lifecycle.Managed;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The engine of this process with its own small connection pool and, when scheduling is on, its scheduler. The
 * pool connects as the schema owner (no {@code SET ROLE}): jobs aggregate every tenant's rows by design, and the
 * tenant scoping of what users see is done where they see it (reports bind the requester's tenant).
 */
public final class BatchRuntime implements Managed {
    private final ManagedDataSource pool;
    private final BatchEngine engine;
    private final BatchScheduler scheduler;
    private final boolean scheduling;

    private BatchRuntime(ManagedDataSource pool, BatchEngine engine, BatchScheduler scheduler, boolean scheduling) {
        this.pool = pool;
        this.engine = engine;
        this.scheduler = scheduler;
        this.scheduling = scheduling;
    }

    public interface Definitions {
        List<JobDefinition> of(javax.sql.DataSource batchPool);
    }

    public static BatchRuntime create(DataSourceFactory database, MetricRegistry metrics, BatchJobSettings settings,
                                      Path home, Clock clock, Definitions definitions) {
        ManagedDataSource pool = pool(database, settings.poolSize()).build(metrics, "batch");
        String owner = owner();
        var engine = new BatchEngine(pool, clock, home.resolve("batch"), settings.engineSettings(owner),
                definitions.of(pool));
        var scheduler = new BatchScheduler(engine, pool, clock, owner, settings.engineSchedules());
        registerGauges(metrics, engine);
        return new BatchRuntime(pool, engine, scheduler, settings.scheduling());
    }

    /**
     * Per job, whether its latest run failed (1) or not (0), read from the job repository, so runs of every replica
     * and of CronJob pods count: the job-failure and audit-chain alarms (deploy/monitoring) read these.
     */
    private static void registerGauges(MetricRegistry metrics, BatchEngine engine) {
        for (String job : engine.definitions().stream().map(JobDefinition::name).toList()) {
            metrics.register(MetricRegistry.name("healthflow", "batch", job.replace('-', '_'), "last_run_failed"),
                    new CachedGauge<Integer>(30, TimeUnit.SECONDS) {
                        @Override
                        protected Integer loadValue() {
                            return engine.runs(job, 1).stream().findFirst()
                                    .map(run -> run.status().equals("FAILED") ? 1 : 0).orElse(0);
                        }
                    });
        }
    }

    /** A copy of the service's pool settings, connecting as the configured (owner) user, sized for jobs. */
    static DataSourceFactory pool(DataSourceFactory database, int size) {
        var factory = new DataSourceFactory();
        factory.setDriverClass(database.getDriverClass());
        factory.setUrl(database.getUrl());
        factory.setUser(database.getUser());
        factory.setPassword(database.getPassword());
        factory.setProperties(database.getProperties());
        factory.setInitializationQuery(null);
        factory.setMinSize(0);
        factory.setInitialSize(0);
        factory.setMaxSize(size);
        factory.setValidationQuery("/* batch */ SELECT 1");
        return factory;
    }

    /** Names this process in the run-owner and schedule tables. */
    static String owner() {
        return ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    public BatchEngine engine() {
        return engine;
    }

    public BatchScheduler scheduler() {
        return scheduler;
    }

    @Override
    public void start() throws Exception {
        pool.start();
        if (scheduling) {
            scheduler.start(Duration.ofSeconds(1));
        }
    }

    @Override
    public void stop() throws Exception {
        scheduler.close();
        engine.close();
        pool.stop();
    }
}
