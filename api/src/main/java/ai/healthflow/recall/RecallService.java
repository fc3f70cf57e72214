package ai.healthflow.recall;

import ai.healthflow.audit.AuditEvent;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.db.Db;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static ai.healthflow.platform.db.Timestamps.instant;
import static ai.healthflow.platform.db.Timestamps.utc;

/**
 * Recalls: created as drafts by the regulator, activated (which queues the fan-out and answers at once),
 * completed or cancelled; acknowledged by the pharmacies and hospitals they were sent to. Every change is audited
 * in its own transaction, and every step keeps who and when.
 */
public final class RecallService {
    private static final Map<String, String> SORTABLE = Map.of("startDate", "r.start_date", "createdAt", "r.created_at",
            "class", "r.recall_class", "status", "r.status");
    private static final String SELECT = """
            SELECT r.*, m.registration_no, m.trade_name_en, m.trade_name_ar,
                   p.tenants, p.acknowledged, p.quarantined, p.returned
              FROM recalls r
              JOIN medicines m ON m.id = r.medicine_id
              CROSS JOIN LATERAL (
                  SELECT count(*) AS tenants, count(*) FILTER (WHERE a.status = 'acknowledged') AS acknowledged,
                         coalesce(sum(a.quantity_quarantined), 0) AS quarantined,
                         coalesce(sum(a.quantity_returned), 0) AS returned
                    FROM recall_acknowledgements a WHERE a.recall_id = r.id) p
            """;

    private final Db db;
    private final AuditLog audit;
    private final Clock clock;
    private final Runnable fanOutSignal;

    /** @param fanOutSignal wakes the fan-out worker after an activation commits */
    public RecallService(Db db, AuditLog audit, Clock clock, Runnable fanOutSignal) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.fanOutSignal = fanOutSignal;
    }

    public RecallView create(Actor actor, CreateRecallRequest request) {
        List<FieldError> errors = RecallValidator.validate(request);
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        return db.acrossTenants(handle -> {
            boolean medicineExists = handle.createQuery("SELECT EXISTS (SELECT 1 FROM medicines WHERE id = :id)")
                    .bind("id", request.medicineId()).mapTo(Boolean.class).one();
            if (!medicineExists) {
                throw new ValidationFailed("medicineId", "no medicine with this id");
            }
            Instant now = now();
            UUID id = handle.createQuery("""
                            INSERT INTO recalls (medicine_id, all_batches, batch_numbers, recall_class, level, reason_en,
                                                 reason_ar, instructions_en, instructions_ar, start_date, created_by,
                                                 created_at, updated_at)
                            VALUES (:medicineId, :all, :batches, :class, :level, :reasonEn, :reasonAr, :instructionsEn,
                                    :instructionsAr, :startDate, :by, :now, :now)
                            RETURNING id
                            """)
                    .bind("medicineId", request.medicineId())
                    .bind("all", Boolean.TRUE.equals(request.allBatches()))
                    .bindArray("batches", String.class, RecallValidator.batches(request))
                    .bind("class", request.recallClass())
                    .bind("level", request.level())
                    .bind("reasonEn", request.reasonEn().strip())
                    .bind("reasonAr", request.reasonAr().strip())
                    .bind("instructionsEn", request.instructionsEn().strip())
                    .bind("instructionsAr", request.instructionsAr().strip())
                    .bind("startDate", request.startDate())
                    .bind("by", actor.userId())
                    .bind("now", utc(now))
                    .mapTo(UUID.class).one();
            step(handle, id, RecallWorkflow.DRAFT, actor, now, null);
            var changes = new HashMap<String, Object>();
            changes.put("medicineId", request.medicineId());
            changes.put("class", request.recallClass());
            changes.put("level", request.level());
            changes.put("allBatches", Boolean.TRUE.equals(request.allBatches()));
            changes.put("batchNumbers", RecallValidator.batches(request));
            changes.put("startDate", request.startDate().toString());
            audit.record(handle, actor, AuditEvent.of("recall.created", "recall", id, null).withChanges(changes));
            return load(handle, id);
        });
    }

    public Page<RecallView> list(String status, String recallClass, UUID medicineId, LocalDate from, LocalDate to,
                                 PageRequest page) {
        if (status != null && !List.of("draft", "active", "completed", "cancelled").contains(status)) {
            throw new InvalidParameter("status", "must be one of draft, active, completed, cancelled");
        }
        if (recallClass != null && !RecallValidator.CLASSES.contains(recallClass)) {
            throw new InvalidParameter("class", "must be one of I, II, III");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidParameter("from", "must not be after 'to'");
        }
        String where = """
                 WHERE (CAST(:status AS text) IS NULL OR r.status = :status)
                   AND (CAST(:class AS text) IS NULL OR r.recall_class = :class)
                   AND (CAST(:medicine AS uuid) IS NULL OR r.medicine_id = CAST(:medicine AS uuid))
                   AND (CAST(:from AS date) IS NULL OR r.start_date >= CAST(:from AS date))
                   AND (CAST(:to AS date) IS NULL OR r.start_date <= CAST(:to AS date))
                """;
        String orderBy = page.orderBy(SORTABLE, "r.start_date DESC, r.id") + ", r.id";
        return db.acrossTenants(handle -> {
            Map<String, Object> binds = new HashMap<>();
            binds.put("status", status);
            binds.put("class", recallClass);
            binds.put("medicine", medicineId == null ? null : medicineId.toString());
            binds.put("from", from == null ? null : from.toString());
            binds.put("to", to == null ? null : to.toString());
            long total = handle.createQuery("SELECT count(*) FROM recalls r" + where).bindMap(binds)
                    .mapTo(Long.class).one();
            List<RecallView> items = new ArrayList<>();
            for (Row row : handle.createQuery(SELECT + where + " ORDER BY " + orderBy + " LIMIT :limit OFFSET :offset")
                    .bindMap(binds).bind("limit", page.size()).bind("offset", page.offset())
                    .map((rs, ctx) -> Row.map(rs)).list()) {
                items.add(row.view(steps(handle, row.id())));
            }
            return new Page<>(items, page, total);
        });
    }

    public RecallView get(UUID id) {
        return db.acrossTenants(handle -> load(handle, id));
    }

    /**
     * Moves the recall to {@code to}. Activation queues the fan-out (tasks and notifications for every pharmacy and
     * hospital), which runs in the background: the answer comes at once with {@code progress.fanOut = pending}.
     */
    public RecallView transition(Actor actor, UUID id, String to, String comment) {
        if (RecallWorkflow.CANCELLED.equals(to) && (comment == null || comment.isBlank())) {
            throw new ValidationFailed("comment", "say why the recall is cancelled");
        }
        if (comment != null && comment.length() > 2000) {
            throw new ValidationFailed("comment", "must be at most 2000 characters");
        }
        RecallView result = db.acrossTenants(handle -> {
            String from = handle.createQuery("SELECT status FROM recalls WHERE id = :id FOR UPDATE")
                    .bind("id", id).mapTo(String.class).findOne().orElseThrow(RecallNotFound::new);
            if (!RecallWorkflow.allows(from, to)) {
                throw new IllegalRecallTransition(from, to);
            }
            Instant now = now();
            handle.createUpdate("""
                            UPDATE recalls SET status = :to, updated_at = :now,
                                   fanout_status = CASE WHEN :to = 'active' THEN 'pending' ELSE fanout_status END
                             WHERE id = :id
                            """)
                    .bind("to", to).bind("now", utc(now)).bind("id", id).execute();
            step(handle, id, to, actor, now, comment == null ? null : comment.strip());
            var changes = new HashMap<String, Object>();
            changes.put("from", from);
            changes.put("to", to);
            if (comment != null) {
                changes.put("comment", comment.strip());
            }
            audit.record(handle, actor, AuditEvent.of("recall." + to, "recall", id, null).withChanges(changes));
            return load(handle, id);
        });
        if (RecallWorkflow.ACTIVE.equals(to)) {
            fanOutSignal.run();
        }
        return result;
    }

    /** The caller's tenant records what it quarantined and returned; repeating it replaces the figures. */
    public AcknowledgementView acknowledge(Actor actor, UUID id, AcknowledgementRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.quantityQuarantined() == null || request.quantityQuarantined() < 0) {
            errors.add(new FieldError("quantityQuarantined", "is required, 0 or more"));
        }
        if (request.quantityReturned() == null || request.quantityReturned() < 0) {
            errors.add(new FieldError("quantityReturned", "is required, 0 or more"));
        }
        if (request.note() != null && request.note().length() > 2000) {
            errors.add(new FieldError("note", "must be at most 2000 characters"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        Caller caller = actor.caller();
        return db.inTenant(caller.tenantId(), handle -> {
            String status = handle.createQuery("SELECT status FROM recalls WHERE id = :id")
                    .bind("id", id).mapTo(String.class).findOne().orElseThrow(RecallNotFound::new);
            if (!RecallWorkflow.ACTIVE.equals(status)) {
                throw new NoAcknowledgementTask("Only an active recall can be acknowledged; this one is " + status + ".");
            }
            int updated = handle.createUpdate("""
                            UPDATE recall_acknowledgements
                               SET status = 'acknowledged', quantity_quarantined = :quarantined,
                                   quantity_returned = :returned, note = :note, acknowledged_by = :by,
                                   acknowledged_at = :now
                             WHERE recall_id = :id AND tenant_id = :tenant
                            """)
                    .bind("quarantined", request.quantityQuarantined())
                    .bind("returned", request.quantityReturned())
                    .bind("note", request.note() == null ? null : request.note().strip())
                    .bind("by", caller.userId())
                    .bind("now", utc(now()))
                    .bind("id", id)
                    .bind("tenant", caller.tenantId())
                    .execute();
            if (updated == 0) {
                throw new NoAcknowledgementTask("This recall was not sent to your organisation (or its tasks are "
                        + "still being created; try again in a moment).");
            }
            audit.record(handle, actor, AuditEvent.of("recall.acknowledged", "recall", id, caller.tenantId())
                    .withChanges(Map.of("quantityQuarantined", request.quantityQuarantined(),
                            "quantityReturned", request.quantityReturned())));
            return acknowledgements(handle, id, caller.tenantId(), 1, 0).getFirst();
        });
    }

    /** The regulator (recalls:write) sees every tenant's task; anyone else only their own tenant's. */
    public Page<AcknowledgementView> acknowledgements(Caller caller, UUID id, PageRequest page) {
        boolean all = caller.can("recalls:write");
        return db.scoped(caller.tenantId(), all, handle -> {
            if (handle.createQuery("SELECT count(*) FROM recalls WHERE id = :id").bind("id", id).mapTo(Integer.class).one() == 0) {
                throw new RecallNotFound();
            }
            UUID tenant = all ? null : caller.tenantId();
            long total = handle.createQuery("""
                            SELECT count(*) FROM recall_acknowledgements
                             WHERE recall_id = :id AND (CAST(:tenant AS uuid) IS NULL OR tenant_id = CAST(:tenant AS uuid))
                            """)
                    .bind("id", id).bind("tenant", tenant == null ? null : tenant.toString()).mapTo(Long.class).one();
            return new Page<>(acknowledgements(handle, id, tenant, page.size(), page.offset()), page, total);
        });
    }

    private static List<AcknowledgementView> acknowledgements(Handle handle, UUID id, UUID tenant, int limit, long offset) {
        return handle.createQuery("""
                        SELECT a.*, t.name_en FROM recall_acknowledgements a JOIN tenants t ON t.id = a.tenant_id
                         WHERE a.recall_id = :id AND (CAST(:tenant AS uuid) IS NULL OR a.tenant_id = CAST(:tenant AS uuid))
                         ORDER BY a.status DESC, t.name_en, a.tenant_id LIMIT :limit OFFSET :offset
                        """)
                .bind("id", id).bind("tenant", tenant == null ? null : tenant.toString())
                .bind("limit", limit).bind("offset", offset)
                .map((rs, ctx) -> new AcknowledgementView(id, rs.getObject("tenant_id", UUID.class),
                        rs.getString("name_en"), rs.getString("status"),
                        (Integer) rs.getObject("quantity_quarantined"), (Integer) rs.getObject("quantity_returned"),
                        rs.getString("note"), rs.getObject("acknowledged_by", UUID.class),
                        instant(rs, "acknowledged_at")))
                .list();
    }

    private RecallView load(Handle handle, UUID id) {
        Row row = handle.createQuery(SELECT + " WHERE r.id = :id").bind("id", id)
                .map((rs, ctx) -> Row.map(rs)).findOne().orElseThrow(RecallNotFound::new);
        return row.view(steps(handle, id));
    }

    private static List<RecallView.Step> steps(Handle handle, UUID id) {
        return handle.createQuery("SELECT status, actor_id, actor_email, at, comment FROM recall_steps WHERE recall_id = :id ORDER BY id")
                .bind("id", id)
                .map((rs, ctx) -> new RecallView.Step(rs.getString("status"), rs.getObject("actor_id", UUID.class),
                        rs.getString("actor_email"), instant(rs, "at"), rs.getString("comment")))
                .list();
    }

    private static void step(Handle handle, UUID id, String status, Actor actor, Instant at, String comment) {
        handle.createUpdate("""
                        INSERT INTO recall_steps (recall_id, status, actor_id, actor_email, at, comment)
                        VALUES (:id, :status, :actor, :email, :at, :comment)
                        """)
                .bind("id", id).bind("status", status).bind("actor", actor.userId()).bind("email", actor.email())
                .bind("at", utc(at)).bind("comment", comment)
                .execute();
    }

    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }



    /** A recall row with its medicine and acknowledgement counts. */
    private record Row(UUID id, RecallView.Medicine medicine, boolean allBatches, List<String> batchNumbers,
                       String recallClass, String level, String reasonEn, String reasonAr, String instructionsEn,
                       String instructionsAr, LocalDate startDate, String status, RecallView.Progress progress,
                       Instant createdAt, Instant updatedAt) {
        static Row map(ResultSet rs) throws SQLException {
            Integer notified = (Integer) rs.getObject("notified_users");
            return new Row(rs.getObject("id", UUID.class),
                    new RecallView.Medicine(rs.getObject("medicine_id", UUID.class), rs.getString("registration_no"),
                            rs.getString("trade_name_en"), rs.getString("trade_name_ar")),
                    rs.getBoolean("all_batches"), List.of((String[]) rs.getArray("batch_numbers").getArray()),
                    rs.getString("recall_class"), rs.getString("level"), rs.getString("reason_en"),
                    rs.getString("reason_ar"), rs.getString("instructions_en"), rs.getString("instructions_ar"),
                    rs.getObject("start_date", LocalDate.class), rs.getString("status"),
                    new RecallView.Progress(rs.getString("fanout_status"), rs.getInt("tenants"),
                            rs.getInt("acknowledged"), notified == null ? 0 : notified, rs.getLong("quarantined"),
                            rs.getLong("returned")),
                    instant(rs, "created_at"), instant(rs, "updated_at"));
        }

        RecallView view(List<RecallView.Step> history) {
            return new RecallView(id, medicine, allBatches, batchNumbers, recallClass, level, reasonEn, reasonAr,
                    instructionsEn, instructionsAr, startDate, status, history, progress, createdAt, updatedAt);
        }
    }
}
