package ai.healthflow.jobs;

import ai.healthflow.HealthFlowConfiguration;
import ai.healthflow.audit.AuditChain;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.audit.AuditVerifier;
import ai.healthflow.batch.analytics.AnalyticsDailyJob;
import ai.healthflow.batch.engine.JobDefinition;
import ai.healthflow.batch.engine.OneStepJob;
import ai.healthflow.batch.report.ReportCatalog;
import ai.healthflow.batch.report.ReportExportJob;
import ai.healthflow.batch.safety.SafetySummaryJob;
import ai.healthflow.batch.signal.SignalDetectionJob;
import ai.healthflow.notification.Notifier;
import ai.healthflow.platform.db.Db;
import ai.healthflow.safetysummary.SafetySummaryNotifications;
import ai.healthflow.signal.SignalNotifications;
import org.jdbi.v3.core.Jdbi;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every batch job HealthFlow has, built the same way for the service (schedule and API) and for the CLI. Adding a
 * job means adding it here.
 */
public final class BatchJobCatalog {
    private BatchJobCatalog() {
    }

    /** @param dataSource the batch pool (schema owner: jobs read and write across tenants) */
    public static List<JobDefinition> definitions(DataSource dataSource, HealthFlowConfiguration config) {
        ReportCatalog reports = ReportCatalog.load(config.reports().extraDefinitions());
        return List.of(auditVerify(dataSource, new AuditChain(config.security().auditKey())),
                reportExport(reports, config), new AnalyticsDailyJob(), signalDetection(dataSource, config),
                safetySummary(dataSource, reports, config));
    }

    /**
     * Renders requested reports. The batch pool connects as the tables' owner, so report queries read as
     * healthflow_app: row-level security stays a second wall behind each report's own tenant clause.
     */
    private static JobDefinition reportExport(ReportCatalog reports, HealthFlowConfiguration config) {
        return new ReportExportJob(reports, config.home().resolve("reports"), config.reports().zoneId(),
                config.reports().retention(), "healthflow_app");
    }

    /** The monthly safety summary (read as healthflow_app like any report); the officers are told when it is ready. */
    private static JobDefinition safetySummary(DataSource dataSource, ReportCatalog reports,
                                               HealthFlowConfiguration config) {
        return new SafetySummaryJob(reports, config.home().resolve("reports"), config.reports().zoneId(),
                "healthflow_app", new SafetySummaryNotifications(new Db(Jdbi.create(dataSource)), new Notifier(),
                new AuditLog(new AuditChain(config.security().auditKey()), Clock.systemUTC())));
    }

    /** Pharmacovigilance signals; new ones are notified to the regulator's officers through the service's inbox. */
    private static JobDefinition signalDetection(DataSource dataSource, HealthFlowConfiguration config) {
        Clock clock = Clock.systemUTC();
        return new SignalDetectionJob(new SignalNotifications(new Db(Jdbi.create(dataSource)), new Notifier(),
                new AuditLog(new AuditChain(config.security().auditKey()), clock), clock));
    }

    /** Nightly check of the audit hash chain; a broken chain fails the run, which alerts (job failure). */
    private static JobDefinition auditVerify(DataSource dataSource, AuditChain auditChain) {
        var verifier = new AuditVerifier(auditChain);
        return new OneStepJob("audit-verify", "Verifies the audit log's hash chain end to end", Set.of(), parameters -> {
            AuditVerifier.Result result = Jdbi.create(dataSource).inTransaction(verifier::verify);
            if (!result.valid()) {
                throw new IllegalStateException("The audit chain is broken at record " + result.firstBrokenId()
                        + " (" + result.checked() + " records checked)");
            }
            Map<String, Object> results = new LinkedHashMap<>();
            results.put("checked", result.checked());
            results.put("valid", true);
            return results;
        });
    }
}
