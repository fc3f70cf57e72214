package ai.healthflow.signal;

import ai.healthflow.audit.AuditEvent;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.batch.signal.NewSignal;
import ai.healthflow.batch.signal.NewSignalsListener;
import ai.healthflow.batch.signal.SignalRunSummary;
import ai.healthflow.notification.Audience;
import ai.healthflow.notification.Message;
import ai.healthflow.notification.Notifier;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.db.Db;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tells the regulator's officers (every active {@code eda_officer} of an active regulator tenant) about the new
 * signals of a completed signal-detection run: one in-app notification each, in English and Arabic, naming how many
 * and the most reported ones (push follows from the notification rows). Exactly once per run: the run is claimed
 * ({@code signal_runs.notified_at}) in the transaction that writes the notifications and the audit record, so a
 * restarted notify step finds it claimed and writes nothing. A run without new signals is claimed and audited but
 * notifies nobody.
 */
public final class SignalNotifications implements NewSignalsListener {
    static final Audience OFFICERS = new Audience(Set.of("regulator"), Set.of("eda_officer"));
    static final String KIND = "signal.new";
    private static final int LISTED = 3;
    private static final DateTimeFormatter AS_OF = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Db db;
    private final Notifier notifier;
    private final AuditLog audit;
    private final Clock clock;

    public SignalNotifications(Db db, Notifier notifier, AuditLog audit, Clock clock) {
        this.db = db;
        this.notifier = notifier;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void newSignals(SignalRunSummary run, List<NewSignal> top) {
        db.acrossTenants(handle -> {
            int claimed = handle.createUpdate("""
                            UPDATE signal_runs SET notified_at = :now WHERE id = :id AND notified_at IS NULL
                            """)
                    .bind("now", clock.instant().atOffset(ZoneOffset.UTC))
                    .bind("id", run.runId())
                    .execute();
            if (claimed == 0) {
                return null; // told before: this is a restarted step
            }
            int users = run.newSignals() == 0 ? 0 : notifier.toAudience(handle, OFFICERS, message(run, top));
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("asOf", run.asOf().truncatedTo(ChronoUnit.SECONDS).toString());
            changes.put("signals", run.signals());
            changes.put("newSignals", run.newSignals());
            changes.put("notifiedUsers", users);
            audit.record(handle, Actor.system("signal-detection"),
                    AuditEvent.of("signals.notified", "signal_run", run.runId(), null).withChanges(changes));
            return null;
        });
    }

    static Message message(SignalRunSummary run, List<NewSignal> top) {
        long count = run.newSignals();
        String asOf = AS_OF.format(run.asOf());
        StringBuilder en = new StringBuilder("Signal detection over the adverse-event reports received up to ")
                .append(asOf).append(" found ").append(count).append(count == 1 ? " new signal" : " new signals")
                .append(" (run ").append(run.runId()).append("). ");
        StringBuilder ar = new StringBuilder("نتائج رصد الإشارات الدوائية في بلاغات الأعراض الجانبية الواردة حتى ")
                .append(asOf).append(" (التشغيل ").append(run.runId()).append("): عدد الإشارات الجديدة ")
                .append(count).append(". ");
        List<NewSignal> listed = top.subList(0, Math.min(LISTED, top.size()));
        if (!listed.isEmpty()) {
            en.append("Most reported: ");
            ar.append("الأكثر بلاغات: ");
            for (int i = 0; i < listed.size(); i++) {
                NewSignal s = listed.get(i);
                String prr = String.format(Locale.ROOT, "%.1f", s.prr());
                en.append(i == 0 ? "" : "; ").append(s.ingredient()).append(" – ").append(s.reaction())
                        .append(" (").append(s.a()).append(s.a() == 1 ? " report" : " reports").append(", PRR ")
                        .append(prr).append(')');
                ar.append(i == 0 ? "" : "؛ ").append(s.ingredient()).append(" – ").append(s.reaction())
                        .append(" (عدد البلاغات ").append(s.a()).append("، PRR ").append(prr).append(')');
            }
            long more = count - listed.size();
            if (more > 0) {
                en.append("; and ").append(more).append(" more");
                ar.append("؛ وغيرها: ").append(more);
            }
            en.append(". ");
            ar.append(". ");
        }
        en.append("Review them in the signals list (new signals only).");
        ar.append("راجعها في قائمة الإشارات (الإشارات الجديدة فقط).");
        return new Message(KIND, count == 1 ? "1 new safety signal" : count + " new safety signals",
                "إشارات سلامة دوائية جديدة: " + count, en.toString(), ar.toString(), "signal_run", null);
    }
}
