package ai.healthflow.consultation;

import ai.healthflow.audit.AuditEvent;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.db.Db;
import ai.healthflow.platform.error.ApiException;
import ai.healthflow.platform.error.FieldError;
import ai.healthflow.platform.error.InvalidParameter;
import ai.healthflow.platform.error.ValidationFailed;
import ai.healthflow.platform.response.Page;
import ai.healthflow.platform.response.PageRequest;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static ai.healthflow.platform.db.Timestamps.instant;
import static ai.healthflow.platform.db.Timestamps.utc;

/** Consultations of the caller's tenant; reads are audited (they are patient data). */
public final class ConsultationService {
    private static final Map<String, List<String>> NEXT = Map.of(
            "scheduled", List.of("in_progress", "cancelled"),
            "in_progress", List.of("completed", "cancelled"),
            "completed", List.of(),
            "cancelled", List.of());
    private static final String SELECT = """
            SELECT c.*, p.name_en AS patient_name_en, p.name_ar AS patient_name_ar, u.display_name AS provider_name
              FROM consultations c JOIN patients p ON p.id = c.patient_id JOIN users u ON u.id = c.provider_id
            """;

    private final Db db;
    private final AuditLog audit;
    private final Clock clock;

    public ConsultationService(Db db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    public ConsultationView create(Actor actor, ConsultationRequest request) {
        Caller caller = actor.caller();
        List<FieldError> errors = new ArrayList<>();
        if (request.patientId() == null) {
            errors.add(new FieldError("patientId", "is required"));
        }
        if (request.reason() == null || request.reason().isBlank() || request.reason().length() > 1000) {
            errors.add(new FieldError("reason", "is required (at most 1000 characters)"));
        }
        if (request.notes() != null && request.notes().length() > 10_000) {
            errors.add(new FieldError("notes", "must be at most 10000 characters"));
        }
        UUID provider = request.providerId() != null ? request.providerId()
                : "doctor".equals(caller.role()) ? caller.userId() : null;
        if (provider == null) {
            errors.add(new FieldError("providerId", "is required (the doctor who sees the patient)"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        return db.inTenant(caller.tenantId(), handle -> {
            if (!exists(handle, "SELECT EXISTS (SELECT 1 FROM patients WHERE id = :id AND tenant_id = :tenant)",
                    request.patientId(), caller.tenantId())) {
                throw new ValidationFailed("patientId", "no patient with this id in your organisation");
            }
            if (!exists(handle, """
                    SELECT EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
                                    WHERE m.user_id = :id AND m.tenant_id = :tenant AND m.role = 'doctor' AND u.status = 'active')
                    """, provider, caller.tenantId())) {
                throw new ValidationFailed("providerId", "must be an active doctor of your organisation");
            }
            Instant now = clock.instant();
            UUID id = handle.createQuery("""
                            INSERT INTO consultations (tenant_id, patient_id, provider_id, reason, notes, scheduled_at,
                                                       created_by, created_at, updated_at)
                            VALUES (:tenant, :patient, :provider, :reason, :notes, :scheduled, :by, :now, :now)
                            RETURNING id
                            """)
                    .bind("tenant", caller.tenantId()).bind("patient", request.patientId()).bind("provider", provider)
                    .bind("reason", request.reason().strip()).bind("notes", request.notes())
                    .bind("scheduled", utc(request.scheduledAt() != null ? request.scheduledAt() : now))
                    .bind("by", caller.userId()).bind("now", utc(now))
                    .mapTo(UUID.class).one();
            audit.record(handle, actor, AuditEvent.of("consultation.created", "consultation", id, caller.tenantId())
                    .withChanges(Map.of("patientId", request.patientId(), "providerId", provider)));
            return load(handle, id);
        });
    }

    public Page<ConsultationView> list(Actor actor, UUID patientId, UUID providerId, String status, PageRequest page) {
        if (status != null && !NEXT.containsKey(status)) {
            throw new InvalidParameter("status", "must be one of " + String.join(", ", NEXT.keySet()));
        }
        Caller caller = actor.caller();
        String where = """
                 WHERE c.tenant_id = :tenant
                   AND (CAST(:patient AS uuid) IS NULL OR c.patient_id = CAST(:patient AS uuid))
                   AND (CAST(:provider AS uuid) IS NULL OR c.provider_id = CAST(:provider AS uuid))
                   AND (CAST(:status AS text) IS NULL OR c.status = :status)
                """;
        return db.inTenant(caller.tenantId(), handle -> {
            Map<String, Object> binds = new HashMap<>();
            binds.put("tenant", caller.tenantId());
            binds.put("patient", patientId == null ? null : patientId.toString());
            binds.put("provider", providerId == null ? null : providerId.toString());
            binds.put("status", status);
            long total = handle.createQuery("SELECT count(*) FROM consultations c" + where).bindMap(binds)
                    .mapTo(Long.class).one();
            List<ConsultationView> items = handle.createQuery(SELECT + where
                            + " ORDER BY c.scheduled_at DESC, c.id LIMIT :limit OFFSET :offset")
                    .bindMap(binds).bind("limit", page.size()).bind("offset", page.offset())
                    .map((rs, ctx) -> map(rs)).list();
            audit.record(handle, actor, AuditEvent.of("consultation.listed", "consultation", null, caller.tenantId())
                    .withChanges(Map.of("returned", items.stream().map(c -> c.id().toString()).toList())));
            return new Page<>(items, page, total);
        });
    }

    public ConsultationView get(Actor actor, UUID id) {
        Caller caller = actor.caller();
        return db.inTenant(caller.tenantId(), handle -> {
            ConsultationView view = load(handle, id);
            audit.record(handle, actor, AuditEvent.of("consultation.read", "consultation", id, caller.tenantId()));
            return view;
        });
    }

    public ConsultationView update(Actor actor, UUID id, ConsultationUpdate update) {
        if (update.status() == null && update.notes() == null) {
            throw new ValidationFailed("status", "change the status or the notes");
        }
        if (update.status() != null && !NEXT.containsKey(update.status())) {
            throw new ValidationFailed("status", "must be one of " + String.join(", ", NEXT.keySet()));
        }
        if (update.notes() != null && update.notes().length() > 10_000) {
            throw new ValidationFailed("notes", "must be at most 10000 characters");
        }
        Caller caller = actor.caller();
        return db.inTenant(caller.tenantId(), handle -> {
            String from = handle.createQuery("SELECT status FROM consultations WHERE id = :id FOR UPDATE")
                    .bind("id", id).mapTo(String.class).findOne().orElseThrow(ConsultationNotFound::new);
            String to = update.status() == null ? from : update.status();
            if (!to.equals(from) && !NEXT.get(from).contains(to)) {
                throw new IllegalConsultationTransition(from, to);
            }
            Instant now = clock.instant();
            handle.createUpdate("""
                            UPDATE consultations SET status = :to, notes = coalesce(:notes, notes), updated_at = :now,
                                   started_at = CASE WHEN :to = 'in_progress' AND started_at IS NULL THEN :now ELSE started_at END,
                                   ended_at = CASE WHEN :to IN ('completed', 'cancelled') AND ended_at IS NULL THEN :now ELSE ended_at END
                             WHERE id = :id
                            """)
                    .bind("to", to).bind("notes", update.notes()).bind("now", utc(now)).bind("id", id).execute();
            audit.record(handle, actor, AuditEvent.of("consultation.updated", "consultation", id, caller.tenantId())
                    .withChanges(Map.of("from", from, "to", to, "notesChanged", update.notes() != null)));
            return load(handle, id);
        });
    }

    private static boolean exists(Handle handle, String sql, UUID id, UUID tenant) {
        return handle.createQuery(sql).bind("id", id).bind("tenant", tenant).mapTo(Boolean.class).one();
    }

    private static ConsultationView load(Handle handle, UUID id) {
        return handle.createQuery(SELECT + " WHERE c.id = :id").bind("id", id)
                .map((rs, ctx) -> map(rs)).findOne().orElseThrow(ConsultationNotFound::new);
    }

    private static ConsultationView map(ResultSet rs) throws SQLException {
        return new ConsultationView(rs.getObject("id", UUID.class), rs.getObject("patient_id", UUID.class),
                rs.getString("patient_name_en"), rs.getString("patient_name_ar"), rs.getObject("provider_id", UUID.class),
                rs.getString("provider_name"), rs.getString("reason"), rs.getString("notes"), rs.getString("status"),
                instant(rs, "scheduled_at"), instant(rs, "started_at"), instant(rs, "ended_at"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }



    /** No consultation with this id in the caller's tenant. */
    static final class ConsultationNotFound extends ApiException {
        ConsultationNotFound() {
            super(404, "not-found", "Not found", "No such consultation.");
        }
    }

    /** The status cannot go from here to there. */
    static final class IllegalConsultationTransition extends ApiException {
        IllegalConsultationTransition(String from, String to) {
            super(409, "illegal-transition", "Illegal transition", "A " + from + " consultation cannot become " + to
                    + (NEXT.get(from).isEmpty() ? " (final)." : "; allowed: " + String.join(", ", NEXT.get(from)) + "."));
        }
    }
}
