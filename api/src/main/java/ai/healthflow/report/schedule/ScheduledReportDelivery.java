package ai.healthflow.report.schedule;

import ai.healthflow.audit.AuditEvent;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.batch.report.ReportCatalog;
import ai.healthflow.batch.report.ReportLanguage;
import ai.healthflow.email.EmailOutbox;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.db.Db;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Emails each scheduled report once it is rendered: its download link to every recipient, or, when it failed, the
 * reason to its owner. The emails go into the outbox in the same transaction that marks the request delivered, and
 * the request is claimed with SKIP LOCKED: with several replicas, each report is announced exactly once.
 */
public final class ScheduledReportDelivery {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Db db;
    private final ReportCatalog catalog;
    private final EmailOutbox outbox;
    private final AuditLog audit;
    private final ZoneId zone;
    private final String portalUrl;

    public ScheduledReportDelivery(Db db, ReportCatalog catalog, EmailOutbox outbox, AuditLog audit, ZoneId zone,
                                   String portalUrl) {
        this.db = db;
        this.catalog = catalog;
        this.outbox = outbox;
        this.audit = audit;
        this.zone = zone;
        this.portalUrl = portalUrl.endsWith("/") ? portalUrl.substring(0, portalUrl.length() - 1) : portalUrl;
    }

    /** @return how many finished scheduled reports were announced */
    public int deliver() {
        int delivered = 0;
        while (delivered < 100 && db.acrossTenants(this::deliverNext)) {
            delivered++;
        }
        return delivered;
    }

    private record Finished(UUID id, UUID tenantId, String type, String format, String language, String status,
                            String error, String ownerEmail, List<String> recipients, Instant expiresAt) {
    }

    private boolean deliverNext(Handle handle) {
        Optional<Finished> claimed = handle.createQuery("""
                        SELECT id, tenant_id, type, format, language, status, error, requester_email, recipients, expires_at
                          FROM report_requests
                         WHERE delivery_pending AND status IN ('completed', 'failed', 'expired')
                         ORDER BY updated_at
                         LIMIT 1
                           FOR UPDATE SKIP LOCKED
                        """)
                .map((rs, ctx) -> new Finished(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        Arrays.asList((String[]) rs.getArray(9).getArray()),
                        rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant()))
                .findOne();
        if (claimed.isEmpty()) {
            return false;
        }
        Finished report = claimed.get();
        String title = catalog.find(report.type())
                .map(d -> d.title().in(ReportLanguage.parse(report.language()).orElse(ReportLanguage.EN)))
                .orElse(report.type());
        List<String> sentTo;
        if (report.status().equals("completed")) {
            String subject = "HealthFlow report ready: " + oneLine(title);
            String body = readyBody(report, title);
            report.recipients().forEach(recipient -> outbox.enqueue(handle, recipient, subject, body));
            sentTo = report.recipients();
        } else {
            outbox.enqueue(handle, report.ownerEmail(), "HealthFlow scheduled report failed: " + oneLine(title),
                    failedBody(report, title));
            sentTo = List.of(report.ownerEmail());
        }
        handle.createUpdate("UPDATE report_requests SET delivery_pending = false WHERE id = :id")
                .bind("id", report.id()).execute();
        var changes = new LinkedHashMap<String, Object>();
        changes.put("status", report.status());
        changes.put("emailedTo", sentTo);
        audit.record(handle, Actor.system("report-schedules"), AuditEvent.of("report.delivered", "report",
                report.id(), report.tenantId()).withChanges(changes));
        return true;
    }

    private String readyBody(Finished report, String title) {
        String link = portalUrl + "/reports/" + report.id();
        String until = report.expiresAt() == null ? "" : WHEN.format(report.expiresAt().atZone(zone)) + " (" + zone + ")";
        return """
                The scheduled report "%s" (%s) is ready.

                Download it, signed in to HealthFlow, here:
                %s
                (API: GET /api/v2/reports/%s/download)

                It is kept until %s.

                ---

                التقرير المجدول "%s" جاهز.
                يمكنك تنزيله بعد تسجيل الدخول إلى هيلث فلو من الرابط التالي:
                %s
                """.formatted(title, report.format().toUpperCase(java.util.Locale.ROOT), link, report.id(), until,
                title, link);
    }

    private static String failedBody(Finished report, String title) {
        return """
                The scheduled report "%s" could not be produced this time (%s).

                %s

                The schedule stays active; the next firing tries again.

                ---

                تعذر إعداد التقرير المجدول "%s" هذه المرة.
                """.formatted(title, report.status(), report.error() == null ? "" : report.error(), title);
    }

    /** Titles come from report definitions; a subject must stay one line whatever a definition holds. */
    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n]+", " ");
    }
}
