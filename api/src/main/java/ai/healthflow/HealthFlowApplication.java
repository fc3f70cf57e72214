package ai.healthflow;

import ai.healthflow.adverseevent.AdverseEventResource;
import ai.healthflow.analytics.AnalyticsResource;
import ai.healthflow.analytics.AnalyticsService;
import ai.healthflow.batch.analytics.AnalyticsDailyJob;
import ai.healthflow.adverseevent.AdverseEventService;
import ai.healthflow.apidocs.ApiDocsPage;
import ai.healthflow.apidocs.OpenApiDocument;
import ai.healthflow.audit.AuditChain;
import ai.healthflow.audit.AuditCommand;
import ai.healthflow.batch.analytics.AnalyticsDailyJob;
import ai.healthflow.jobs.BatchCommand;
import ai.healthflow.jobs.BatchJobCatalog;
import ai.healthflow.jobs.BatchJobResource;
import ai.healthflow.jobs.BatchRuntime;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.audit.AuditResource;
import ai.healthflow.audit.AuditVerifier;
import ai.healthflow.batch.repository.JobRepositoryStatus;
import ai.healthflow.consultation.ConsultationResource;
import ai.healthflow.consultation.ConsultationService;
import ai.healthflow.email.EmailDispatcher;
import ai.healthflow.email.EmailOutbox;
import ai.healthflow.health.HealthResource;
import ai.healthflow.health.HealthService;
import ai.healthflow.identity.AuthResource;
import ai.healthflow.identity.AuthService;
import ai.healthflow.identity.IdentityBootstrap;
import ai.healthflow.identity.LoginThrottle;
import ai.healthflow.identity.PasswordHasher;
import ai.healthflow.identity.PasswordPolicy;
import ai.healthflow.identity.TokenAuthenticator;
import ai.healthflow.identity.UserResource;
import ai.healthflow.identity.UserService;
import ai.healthflow.invitation.InvitationResource;
import ai.healthflow.invitation.InvitationService;
import ai.healthflow.interaction.InteractionChecker;
import ai.healthflow.interaction.InteractionImport;
import ai.healthflow.interaction.InteractionKnowledgeBase;
import ai.healthflow.interaction.InteractionResource;
import ai.healthflow.interaction.InteractionService;
import ai.healthflow.medicine.MedicineImport;
import ai.healthflow.medicine.MedicineResource;
import ai.healthflow.medicine.search.LiveIndex;
import ai.healthflow.medicine.search.MedicineSearch;
import ai.healthflow.medicine.search.SearchAdminResource;
import ai.healthflow.medicine.search.SearchCommand;
import ai.healthflow.medicine.search.MedicineSearchResource;
import ai.healthflow.medicine.search.SearchIndexer;
import ai.healthflow.search.medicine.Synonyms;
import ai.healthflow.medicine.MedicineService;
import ai.healthflow.notification.NotificationHub;
import ai.healthflow.notification.NotificationListener;
import ai.healthflow.notification.NotificationResource;
import ai.healthflow.notification.NotificationService;
import ai.healthflow.notification.Notifier;
import ai.healthflow.patient.PatientResource;
import ai.healthflow.patient.PatientService;
import ai.healthflow.prescription.PatientHistoryResource;
import ai.healthflow.prescription.PrescriptionExpiry;
import ai.healthflow.prescription.PrescriptionResource;
import ai.healthflow.prescription.PrescriptionSeal;
import ai.healthflow.prescription.PrescriptionService;
import ai.healthflow.pharmacy.PharmacyDemo;
import ai.healthflow.pharmacy.PharmacyResource;
import ai.healthflow.pharmacy.PharmacyService;
import ai.healthflow.pharmacy.StockService;
import ai.healthflow.platform.auth.AccessTokens;
import ai.healthflow.price.PriceResource;
import ai.healthflow.price.PriceService;
import ai.healthflow.batch.report.ReportCatalog;
import ai.healthflow.recall.RecallFanout;
import ai.healthflow.report.EngineReportLauncher;
import ai.healthflow.report.ReportResource;
import ai.healthflow.report.ReportService;
import ai.healthflow.report.ReportSweeper;
import ai.healthflow.report.schedule.ReportScheduleResource;
import ai.healthflow.report.schedule.ReportScheduleRunner;
import ai.healthflow.report.schedule.ReportScheduleService;
import ai.healthflow.report.schedule.ScheduledReportDelivery;
import ai.healthflow.recall.RecallResource;
import ai.healthflow.batch.safety.SafetySummary;
import ai.healthflow.batch.safety.SafetySummaryFiles;
import ai.healthflow.safetysummary.SafetySummaryResource;
import ai.healthflow.safetysummary.SafetySummaryService;
import ai.healthflow.recall.RecallService;
import ai.healthflow.seed.SeedCommand;
import ai.healthflow.signal.SignalResource;
import ai.healthflow.signal.SignalService;
import ai.healthflow.platform.auth.BearerTokenFilter;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.auth.PermissionAuthorizer;
import ai.healthflow.platform.auth.ProblemUnauthorizedHandler;
import ai.healthflow.platform.config.ProductionPolicy;
import ai.healthflow.platform.db.DatabaseStartup;
import ai.healthflow.platform.db.Db;
import ai.healthflow.platform.metrics.CapacityGauges;
import ai.healthflow.platform.db.EmbeddedDatabase;
import ai.healthflow.platform.db.Migrations;
import ai.healthflow.platform.error.ProblemMapper;
import ai.healthflow.platform.http.BodySizeLimitFilter;
import ai.healthflow.platform.http.CorsFilter;
import ai.healthflow.platform.http.ProblemErrorHandler;
import ai.healthflow.platform.http.ProblemWriter;
import ai.healthflow.platform.http.RateLimitFilter;
import ai.healthflow.platform.http.RateLimiter;
import ai.healthflow.platform.http.RequestIdFilter;
import ai.healthflow.platform.http.RequestMetricsFilter;
import ai.healthflow.platform.http.SecurityHeadersFilter;
import ai.healthflow.platform.json.JsonStyle;
import ai.healthflow.push.DeviceResource;
import ai.healthflow.push.DeviceService;
import ai.healthflow.push.PushDispatcher;
import ai.healthflow.push.PushFanout;
import ai.healthflow.system.BuildInfo;
import ai.healthflow.system.SystemResource;
import ai.healthflow.tenant.TenantResource;
import ai.healthflow.tenant.TenantService;
import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.migrations.MigrationsBundle;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.sql.SQLException;
import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.TimeZone;

/** Wires HealthFlow together. No logic lives here: each object is built once and handed to those that need it. */
public final class HealthFlowApplication extends Application<HealthFlowConfiguration> {

    public static void main(String[] args) throws Exception {
        // one clock, one zone: every timestamp the service writes or reads is UTC
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        new HealthFlowApplication().run(args);
    }

    @Override
    public String getName() {
        return "healthflow";
    }

    @Override
    public void initialize(Bootstrap<HealthFlowConfiguration> bootstrap) {
        // strict: a ${VAR} without a default that is not set stops the start with its name
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(true)));
        bootstrap.addBundle(new MigrationsBundle<>() {
            @Override
            public DataSourceFactory getDataSourceFactory(HealthFlowConfiguration config) {
                return DatabaseStartup.forCommand(config);
            }

            @Override
            public String getMigrationsFileName() {
                return Migrations.CHANGELOG;
            }
        });
        bootstrap.addCommand(new AuditCommand());
        bootstrap.addCommand(new SearchCommand());
        bootstrap.addCommand(new BatchCommand());
        bootstrap.addCommand(new SeedCommand());
    }

    @Override
    public void run(HealthFlowConfiguration config, Environment environment) throws Exception {
        ProductionPolicy.enforce(config);
        JsonStyle.apply(environment.getObjectMapper());
        Clock clock = Clock.systemUTC();
        BuildInfo build = BuildInfo.load();

        // Database: embedded server (dev) first, so it is stopped after the pool that uses it.
        EmbeddedDatabase embedded = DatabaseStartup.startEmbeddedIfConfigured(config);
        if (embedded != null) {
            environment.lifecycle().manage(embedded);
        }
        DataSourceFactory dataSourceFactory = config.database().dataSource();
        // migrations run as the schema owner; the pool's connections switch to healthflow_app (initializationQuery)
        ManagedDataSource dataSource = dataSourceFactory.build(environment.metrics(), "postgresql");
        Migrations migrations = new Migrations(DatabaseStartup.owner(dataSourceFactory), dataSource);
        applyOrCheckMigrations(config, migrations);
        Jdbi jdbi = new JdbiFactory().build(environment, dataSourceFactory, dataSource, "postgresql");
        var db = new Db(jdbi);
        CapacityGauges.register(environment.metrics(), dataSourceFactory.getMaxSize(),
                Map.of("home", config.home(), "reports", config.home().resolve("reports")));

        // Audit: every other feature writes through it
        var auditChain = new AuditChain(config.security().auditKey());
        var audit = new AuditLog(auditChain, clock);

        // Identity and tenants
        var passwords = new PasswordHasher();
        var identityBootstrap = new IdentityBootstrap(db, passwords, audit);
        identityBootstrap.ensureSuperAdmin(config.bootstrap().adminEmail(), config.bootstrap().adminPassword());
        if (config.bootstrap().demoData()) {
            identityBootstrap.loadDemoData();
        }
        var tokens = new AccessTokens(config.security(), clock);
        // Rate limits: counted in PostgreSQL so that they hold across replicas; per replica while it is unreachable
        var rateLimiter = new RateLimiter(dataSource);
        environment.lifecycle().manage(rateLimiter);
        var auth = new AuthService(db, passwords, tokens, new LoginThrottle(rateLimiter, config.http().loginAttemptsPerMinute()),
                audit, clock, config.security().refreshTokenTtl().toJavaDuration(),
                config.security().failedLoginsBeforeLock());

        // Medicine registry (the demo registry is imported through the same path as any file)
        var medicines = new MedicineService(db, audit, clock);
        var medicineImport = new MedicineImport(db, medicines, audit, config.home().resolve("imports"));
        if (config.bootstrap().demoRegistry()) {
            medicineImport.loadDemoRegistry();
        }

        // Email: written to the outbox in the business transaction, sent by the dispatcher
        var outbox = new EmailOutbox();
        environment.lifecycle().manage(new EmailDispatcher(jdbi, config.email(), clock));

        // Search: the index follows the registry through the outbox; a new, lost or outdated index is rebuilt in
        // the background while /ready says 503 (or, for an outdated one, while the old one keeps serving)
        var liveIndex = new LiveIndex(config.home().resolve("search"), Synonyms.bundled());
        environment.lifecycle().manage(closing(liveIndex));
        var medicineSearch = new MedicineSearch(liveIndex);
        var indexer = new SearchIndexer(db, liveIndex, medicineSearch::invalidate);
        if (!liveIndex.openCurrent()) {
            indexer.rebuildAtStart();
        }
        environment.lifecycle().manage(indexer);
        indexer.registerGauges(environment.metrics());
        var jobRepository = new JobRepositoryStatus(dataSource, clock);

        // Notifications: written in business transactions, streamed in real time (woken by NOTIFY on a connection
        // of its own, outside the pool)
        var notifier = new Notifier();
        var notifications = new NotificationService(db, audit, clock);
        var notificationHub = new NotificationHub(notifications, Duration.ofSeconds(15));
        environment.lifecycle().manage(notificationHub);
        DataSource listenerConnections = DatabaseStartup.owner(dataSourceFactory);
        environment.lifecycle().manage(new NotificationListener(listenerConnections::getConnection, notificationHub));
        // Push: devices registered by users; the fan-out turns the notifications feed into push_outbox rows, the
        // dispatcher sends them through FCM (or holds them while push is disabled)
        var devices = new DeviceService(db, audit);
        var pushDispatcher = new PushDispatcher(db, devices, config.push(), clock);
        environment.lifecycle().manage(pushDispatcher);
        environment.lifecycle().manage(new PushFanout(db, config.push().pollInterval().toJavaDuration(),
                pushDispatcher::wake));

        // Recalls: activation answers at once; the fan-out (tasks, notifications, emails) runs in the background
        var recallFanout = new RecallFanout(db, notifier, outbox, audit, clock);
        environment.lifecycle().manage(recallFanout);
        var recalls = new RecallService(db, audit, clock, recallFanout::wake);

        // Prescriptions: checked against the interaction knowledge base and allergies before saving; expired on a schedule
        var prescriptions = new PrescriptionService(db, audit, clock, new InteractionChecker(),
                new PrescriptionSeal(config.security().jwtSecret(), config.security().jwtIssuer()),
                Duration.ofDays(config.prescriptions().validityDays()));
        environment.lifecycle().manage(new PrescriptionExpiry(db, audit, clock,
                config.prescriptions().expiryInterval().toJavaDuration()));
        // Pharmacies: profiles, nearby search, stock and selling prices; price comparison across pharmacies
        var pharmacies = new PharmacyService(db, audit, clock);
        var stock = new StockService(db, audit, clock);
        var prices = new PriceService(db);
        if (config.bootstrap().demoData()) {
            new PharmacyDemo(db, pharmacies, audit).load();
        }

        // Batch jobs: one engine per process (its own pool, as the schema owner); the scheduler of every replica
        // claims each firing in the database, so a nightly job runs once
        var batch = BatchRuntime.create(config.database().dataSource(), environment.metrics(), config.batch(),
                config.home(), clock, pool -> BatchJobCatalog.definitions(pool, config));
        environment.lifecycle().manage(batch);

        // Reports: definitions checked at start (a bad file stops it, naming file and field); requests are rendered
        // by the report-export job; the sweeper relaunches waiting ones and deletes expired files
        var reportCatalog = ReportCatalog.load(config.reports().extraDefinitions());
        var reportLauncher = new EngineReportLauncher(batch.engine());
        var reports = new ReportService(db, reportCatalog, reportLauncher, audit, clock, config.reports());
        environment.lifecycle().manage(new ReportSweeper(db, reportLauncher, audit, clock,
                config.home().resolve("reports"), config.reports().sweepInterval().toJavaDuration()));
        // Report schedules: due ones fire on any replica (claimed in the database); finished ones are emailed
        var reportSchedules = new ReportScheduleService(db, reports, reportLauncher, audit, clock, config.reports().zoneId());
        environment.lifecycle().manage(new ReportScheduleRunner(reportSchedules,
                new ScheduledReportDelivery(db, reportCatalog, outbox, audit, config.reports().zoneId(),
                        config.http().portalUrl()), config.reports().scheduleInterval().toJavaDuration()));

        // HTTP plumbing: filters run in this order on every request
        var problems = new ProblemWriter(environment.getObjectMapper());
        var requestMetrics = new RequestMetricsFilter(environment.metrics());
        addFilter(environment, "request-id", new RequestIdFilter());
        addFilter(environment, "security-headers", new SecurityHeadersFilter());
        addFilter(environment, "request-metrics", requestMetrics);
        addFilter(environment, "cors", new CorsFilter(config.http().allowedOrigins()));
        addFilter(environment, "rate-limit", new RateLimitFilter(rateLimiter, config.http().rateLimitPerMinute(), tokens, problems));
        addFilter(environment, "body-size", new BodySizeLimitFilter(config.http().maxRequestBody().toBytes(),
                Map.of("/api/v2/medicines/import", config.http().maxImportBody().toBytes(),
                        "/api/v2/interactions/import", config.http().maxImportBody().toBytes()), problems));
        environment.getApplicationContext().setErrorHandler(new ProblemErrorHandler(problems));
        // Dropwizard installs Jetty's HTML error handler while building the server; ours replaces it before start
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                    server.setErrorHandler(new ProblemErrorHandler(problems));
                }
            }

            @Override
            public void lifeCycleStopping(LifeCycle event) {
                if (event instanceof Server) {
                    notificationHub.closeAll(); // open event streams would hold the graceful shutdown
                }
            }
        });
        if (config.getServerFactory() instanceof AbstractServerFactory serverFactory) {
            serverFactory.setRegisterDefaultExceptionMappers(false); // ProblemMapper maps everything
        }

        // Jersey: errors, authentication, resources
        var jersey = environment.jersey();
        jersey.register(new ProblemMapper());
        jersey.register(new ProblemMapper.ForValidation());
        jersey.register(new AuthDynamicFeature(new BearerTokenFilter.Builder()
                .setAuthenticator(new TokenAuthenticator(tokens, db, audit))
                .setAuthorizer(new PermissionAuthorizer())
                .setPrefix("Bearer")
                .setRealm("healthflow")
                .setUnauthorizedHandler(new ProblemUnauthorizedHandler())
                .buildAuthFilter()));
        jersey.register(RolesAllowedDynamicFeature.class);
        jersey.register(new AuthValueFactoryProvider.Binder<>(Caller.class));

        var health = new HealthService(dataSource, migrations, liveIndex, jobRepository, requestMetrics, build, clock);
        jersey.register(new HealthResource(health));
        jersey.register(new SystemResource(build, health, migrations));
        jersey.register(new AuthResource(auth));
        jersey.register(new UserResource(new UserService(db, audit, clock)));
        jersey.register(new TenantResource(new TenantService(db, audit, clock)));
        jersey.register(new InvitationResource(new InvitationService(db, outbox, passwords, new PasswordPolicy(),
                audit, clock, config.security().invitationTtl().toJavaDuration(), config.http().portalUrl())));
        jersey.register(new AuditResource(db, new AuditVerifier(auditChain)));
        jersey.register(new MedicineResource(medicines, medicineImport));
        jersey.register(new MedicineSearchResource(medicineSearch, db));
        jersey.register(new NotificationResource(notifications, notificationHub));
        jersey.register(new RecallResource(recalls));
        jersey.register(new PatientResource(new PatientService(db, audit, clock)));
        jersey.register(new ConsultationResource(new ConsultationService(db, audit, clock)));
        jersey.register(new PrescriptionResource(prescriptions));
        jersey.register(new PatientHistoryResource(prescriptions));
        jersey.register(new DeviceResource(devices));
        // Drug interactions: the bundled knowledge base is reference data, loaded (idempotently) in every environment
        new InteractionKnowledgeBase(db, audit, clock).loadBundled();
        jersey.register(new AdverseEventResource(new AdverseEventService(db, audit, clock)));
        jersey.register(new InteractionResource(new InteractionService(db, new InteractionChecker()),
                new InteractionImport(db, audit, clock, config.home().resolve("imports"))));
        jersey.register(new PharmacyResource(pharmacies, stock));
        jersey.register(new PriceResource(prices));
        jersey.register(new ReportResource(reports));
        jersey.register(new ReportScheduleResource(reportSchedules));
        jersey.register(new SafetySummaryResource(new SafetySummaryService(new SafetySummaryFiles(config.home()
                .resolve("reports")), reportCatalog.find(SafetySummary.REPORT).orElseThrow().title(), db, audit)));
        // Analytics: answers from the analytics-daily facts, cached per caller scope and facts version; a run of the
        // job ending in this process also empties the cache at once
        var analytics = new AnalyticsService(db, clock);
        batch.engine().addListener(run -> {
            if (AnalyticsDailyJob.NAME.equals(run.job())) {
                analytics.invalidate();
            }
        });
        jersey.register(new AnalyticsResource(analytics));
        jersey.register(new SearchAdminResource(liveIndex, indexer, audit, db));
        jersey.register(new SignalResource(new SignalService(db)));
        jersey.register(new BatchJobResource(batch.engine(), batch.scheduler().schedules(), audit, db));
        jersey.register(new OpenApiDocument(build.version()));
        jersey.register(new ApiDocsPage(build.swaggerUiVersion()));

        // Admin port: health checks and Prometheus
        environment.healthChecks().register("search", healthCheck(() -> health.search().up(), "search index closed"));
        environment.healthChecks().register("migrations", healthCheck(() -> health.migrations().up(), "migrations pending"));
        var prometheus = new PrometheusRegistry();
        DropwizardExports.builder().dropwizardRegistry(environment.metrics()).register(prometheus);
        environment.admin().addServlet("prometheus", new PrometheusMetricsServlet(prometheus)).addMapping("/prometheus");
    }

    private static void applyOrCheckMigrations(HealthFlowConfiguration config, Migrations migrations)
            throws SQLException {
        if (config.database().migrateOnStart()) {
            migrations.migrate();
            return;
        }
        Migrations.MigrationState state = migrations.state();
        if (!state.current()) {
            throw new IllegalStateException(state.pending().size() + " database migration(s) pending (first: "
                    + state.pending().getFirst() + "). Run 'java -jar healthflow.jar db migrate <config>' "
                    + "or set HEALTHFLOW_MIGRATE_ON_START=true.");
        }
    }

    private static void addFilter(Environment environment, String name, Filter filter) {
        environment.servlets().addFilter(name, filter)
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
    }

    private static Managed closing(AutoCloseable resource) {
        return new Managed() {
            @Override
            public void stop() throws Exception {
                resource.close();
            }
        };
    }

    private interface Check {
        boolean ok() throws IOException;
    }

    private static HealthCheck healthCheck(Check check, String unhealthyMessage) {
        return new HealthCheck() {
            @Override
            protected Result check() throws Exception {
                return check.ok() ? Result.healthy() : Result.unhealthy(unhealthyMessage);
            }
        };
    }
}
