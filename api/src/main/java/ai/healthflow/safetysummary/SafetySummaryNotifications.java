package ai.healthflow.safetysummary;

import ai.healthflow.audit.AuditEvent;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.batch.safety.Grouping;
import ai.healthflow.batch.safety.SafetySummary;
import ai.healthflow.batch.safety.SafetySummaryListener;
import ai.healthflow.notification.Audience;
import ai.healthflow.notification.Message;
import ai.healthflow.notification.Notifier;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.db.Db;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tells the regulator's officers (every active {@code eda_officer} of an active regulator tenant) that a month's
 * safety summary is ready: one in-app notification each, in English and Arabic (push follows from the rows), written
 * with its audit record in one transaction. A rerun of the month tells them again: the files were replaced.
 */
public final class SafetySummaryNotifications implements SafetySummaryListener {
    static final Audience OFFICERS = new Audience(Set.of("regulator"), Set.of("eda_officer"));
    static final String KIND = "safety_summary.ready";

    private final Db db;
    private final Notifier notifier;
    private final AuditLog audit;

    public SafetySummaryNotifications(Db db, Notifier notifier, AuditLog audit) {
        this.db = db;
        this.notifier = notifier;
        this.audit = audit;
    }

    @Override
    public void ready(SafetySummary.Result result) {
        db.acrossTenants(handle -> {
            int users = notifier.toAudience(handle, OFFICERS, message(result));
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("month", result.month().toString());
            changes.put("groupBy", result.grouping().code());
            changes.put("rows", result.rows());
            changes.put("files", result.files().stream().map(f -> f.file().getFileName().toString()).toList());
            changes.put("notifiedUsers", users);
            audit.record(handle, Actor.system("safety-summary"), AuditEvent.of("safety_summary.written",
                    "safety_summary", result.month(), null).withChanges(changes));
            return null;
        });
    }

    static Message message(SafetySummary.Result result) {
        String month = result.month().toString();
        boolean byMedicine = result.grouping() == Grouping.MEDICINE;
        String path = "/api/v2/safety-summaries/" + month + "/";
        String query = byMedicine ? "?groupBy=medicine" : "";
        String en = "The safety summary of " + month + " is ready as PDF in English and Arabic: adverse-event reports "
                + "received, serious share, top reactions, signals and recalls per "
                + (byMedicine ? "medicine" : "active ingredient") + ", " + result.rows()
                + (result.rows() == 1 ? " row" : " rows") + ". Download: GET " + path + "en" + query + ".";
        String ar = "الملخص الشهري للسلامة الدوائية لشهر " + month + " جاهز بصيغة PDF بالعربية والإنجليزية: "
                + "التقارير الواردة ونسبة الخطيرة منها وأكثر الأعراض والإشارات وسحب الأدوية لكل "
                + (byMedicine ? "دواء" : "مادة فعالة") + "، عدد الصفوف " + result.rows() + ". التحميل: GET " + path
                + "ar" + query + ".";
        return new Message(KIND, "Safety summary of " + month + " is ready",
                "الملخص الشهري للسلامة الدوائية لشهر " + month + " جاهز", en, ar, "safety_summary", null);
    }
}
