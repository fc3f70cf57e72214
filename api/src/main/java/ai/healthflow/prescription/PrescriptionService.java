package ai.healthflow.prescription;

import ai.healthflow.audit.AuditEvent;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.interaction.AllergyFinding;
import ai.healthflow.interaction.InteractionChecker;
import ai.healthflow.interaction.InteractionFinding;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.db.Db;
import ai.healthflow.platform.error.FieldError;
import ai.healthflow.platform.error.ValidationFailed;
import ai.healthflow.platform.response.Page;
import ai.healthflow.platform.response.PageRequest;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Prescribing and dispensing. A prescription is checked before anything is written; a blocked one writes nothing.
 * Dispensing locks the prescription row, so two pharmacists at the same moment are served one after the other
 * and the second sees what the first took.
 */
public final class PrescriptionService {
    private static final int MAX_ITEMS = 20;
    private static final Set<String> OPEN = Set.of("issued", "partially_dispensed");

    private final Db db;
    private final AuditLog audit;
    private final Clock clock;
    private final InteractionChecker checker;
    private final PrescriptionSeal seal;
    private final Duration validity;
    private final PrescriptionReader reader;

    public PrescriptionService(Db db, AuditLog audit, Clock clock, InteractionChecker checker, PrescriptionSeal seal,
                               Duration validity) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.checker = checker;
        this.seal = seal;
        this.validity = validity;
        this.reader = new PrescriptionReader(seal);
    }

    // ---- prescribing -------------------------------------------------------------------------------------------

    public PrescriptionView create(Actor actor, PrescriptionRequest request) {
        Caller caller = actor.caller();
        List<FieldError> errors = PrescriptionValidator.validate(request, MAX_ITEMS);
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        return db.inTenant(caller.tenantId(), handle -> {
            checkReferences(handle, caller, request);
            List<UUID> proposed = request.items().stream().map(PrescriptionRequest.Item::medicineId).toList();
            List<Finding> findings = findings(handle, request.patientId(), proposed);
            Map<String, String> overrides = request.overrides() == null ? Map.of() : request.overrides();
            List<String> missing = findings.stream().filter(Finding::blocking)
                    .map(Finding::key).filter(key -> overrides.get(key) == null || overrides.get(key).isBlank()).toList();
            if (!missing.isEmpty()) {
                throw new FindingsNeedOverride(findings, missing);
            }
            findings = findings.stream().map(f -> f.blocking() ? f.withOverride(overrides.get(f.key()).strip()) : f).toList();

            Instant now = clock.instant();
            UUID id = insert(handle, caller, request, now);
            // one round trip for all items and one for all findings
            var items = handle.prepareBatch("""
                    INSERT INTO prescription_items (prescription_id, position, medicine_id, dose, frequency,
                                                    duration_days, quantity, instructions_en, instructions_ar)
                    VALUES (:id, :position, :medicine, :dose, :frequency, :days, :quantity, :en, :ar)
                    """);
            for (int i = 0; i < request.items().size(); i++) {
                PrescriptionRequest.Item item = request.items().get(i);
                items.bind("id", id).bind("position", i + 1).bind("medicine", item.medicineId())
                        .bind("dose", item.dose().strip()).bind("frequency", item.frequency().strip())
                        .bind("days", item.durationDays()).bind("quantity", item.quantity())
                        .bind("en", item.instructionsEn()).bind("ar", item.instructionsAr())
                        .add();
            }
            items.execute();
            if (!findings.isEmpty()) {
                var rows = handle.prepareBatch("""
                        INSERT INTO prescription_findings (prescription_id, finding_key, kind, severity, medicines,
                                                           ingredients, description_en, description_ar,
                                                           management_en, management_ar, override_reason)
                        VALUES (:id, :key, :kind, :severity, :medicines, :ingredients, :en, :ar, :mEn, :mAr, :reason)
                        """);
                for (Finding finding : findings) {
                    rows.bind("id", id).bind("key", finding.key()).bind("kind", finding.kind())
                            .bind("severity", finding.severity())
                            .bindArray("medicines", UUID.class, finding.medicines())
                            .bindArray("ingredients", String.class, finding.ingredients())
                            .bind("en", finding.descriptionEn()).bind("ar", finding.descriptionAr())
                            .bind("mEn", finding.managementEn()).bind("mAr", finding.managementAr())
                            .bind("reason", finding.overrideReason())
                            .add();
                }
                rows.execute();
            }
            var changes = new LinkedHashMap<String, Object>();
            changes.put("patientId", request.patientId());
            changes.put("items", proposed);
            changes.put("findings", findings.stream().map(f -> f.key() + " (" + f.severity() + ")").toList());
            changes.put("overridden", findings.stream().filter(f -> f.overrideReason() != null)
                    .map(f -> Map.of("key", f.key(), "reason", f.overrideReason())).toList());
            audit.record(handle, actor, AuditEvent.of("prescription.issued", "prescription", id, caller.tenantId())
                    .withChanges(changes));
            return reader.load(handle, id);
        });
    }

    private UUID insert(Handle handle, Caller caller, PrescriptionRequest request, Instant now) {
        for (int attempt = 0; ; attempt++) {
            String code = PrescriptionCodes.next();
            Optional<UUID> id = handle.createQuery("""
                            INSERT INTO prescriptions (code, tenant_id, patient_id, consultation_id, prescriber_id, notes,
                                                       allow_substitution, issued_at, expires_at, updated_at)
                            VALUES (:code, :tenant, :patient, CAST(:consultation AS uuid), :prescriber, :notes, :substitution, :now,
                                    :expires, :now)
                            ON CONFLICT (code) DO NOTHING
                            RETURNING id
                            """)
                    .bind("code", code).bind("tenant", caller.tenantId()).bind("patient", request.patientId())
                    .bind("consultation", request.consultationId() == null ? null : request.consultationId().toString()).bind("prescriber", caller.userId())
                    .bind("notes", request.notes()).bind("substitution", Boolean.TRUE.equals(request.allowSubstitution()))
                    .bind("now", utc(now)).bind("expires", utc(now.plus(validity)))
                    .mapTo(UUID.class).findOne();
            if (id.isPresent()) {
                return id.get();
            }
            if (attempt == 5) { // 2^40 codes: five collisions in a row means something else is wrong
                throw new IllegalStateException("Could not allocate a prescription code");
            }
        }
    }

    /** The patient and consultation are the caller's tenant's; every medicine is prescribable. */
    private static void checkReferences(Handle handle, Caller caller, PrescriptionRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (!handle.createQuery("SELECT EXISTS (SELECT 1 FROM patients WHERE id = :id AND tenant_id = :tenant)")
                .bind("id", request.patientId()).bind("tenant", caller.tenantId()).mapTo(Boolean.class).one()) {
            errors.add(new FieldError("patientId", "no patient with this id in your organisation"));
        }
        if (request.consultationId() != null && !handle.createQuery(
                        "SELECT EXISTS (SELECT 1 FROM consultations WHERE id = :id AND patient_id = :patient)")
                .bind("id", request.consultationId()).bind("patient", request.patientId()).mapTo(Boolean.class).one()) {
            errors.add(new FieldError("consultationId", "no consultation of this patient with this id"));
        }
        Map<UUID, String> refusals = Prescribability.refusals(handle,
                request.items().stream().map(PrescriptionRequest.Item::medicineId).toList());
        for (int i = 0; i < request.items().size(); i++) {
            String refusal = refusals.get(request.items().get(i).medicineId());
            if (refusal != null) {
                errors.add(new FieldError("items[" + i + "].medicineId", refusal));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
    }

    /** Interactions among the items and with the patient's open prescriptions, and allergies. */
    private List<Finding> findings(Handle handle, UUID patientId, List<UUID> proposed) {
        List<UUID> current = handle.createQuery("""
                        SELECT DISTINCT i.medicine_id FROM prescription_items i JOIN prescriptions p ON p.id = i.prescription_id
                         WHERE p.patient_id = :patient AND p.status IN ('issued', 'partially_dispensed') AND p.expires_at > :now
                        """)
                .bind("patient", patientId).bind("now", utc(clock.instant()))
                .mapTo(UUID.class).list();
        List<Finding> findings = new ArrayList<>();
        Stream.concat(checker.among(handle, proposed).stream(), checker.between(handle, proposed, current).stream())
                .map(PrescriptionService::finding)
                .forEach(f -> {
                    if (findings.stream().noneMatch(existing -> existing.key().equals(f.key()))) {
                        findings.add(f);
                    }
                });
        for (AllergyFinding allergy : checker.allergies(handle, proposed, patientId)) {
            Finding f = new Finding("allergy:" + allergy.medicine().id() + ":" + allergy.ingredient(), "allergy",
                    "contraindicated", true, List.of(allergy.medicine().id()), List.of(allergy.ingredient()),
                    "The patient is allergic to " + allergy.allergySubstance() + " (" + allergy.allergyKind() + "); "
                            + allergy.medicine().tradeNameEn() + " contains " + allergy.ingredient()
                            + (allergy.reaction() == null ? "." : "; recorded reaction: " + allergy.reaction() + "."),
                    "المريض لديه حساسية من " + allergy.allergySubstance() + "؛ " + allergy.medicine().tradeNameAr()
                            + " يحتوي على " + allergy.ingredient() + ".",
                    "Choose a medicine without this ingredient or class.", "اختر دواءً لا يحتوي على هذه المادة أو الفئة.",
                    null);
            if (findings.stream().noneMatch(existing -> existing.key().equals(f.key()))) {
                findings.add(f);
            }
        }
        findings.sort(java.util.Comparator.comparingInt(f -> severityRank(f.severity())));
        return findings;
    }

    private static Finding finding(InteractionFinding i) {
        UUID a = i.medicineA().id(), b = i.medicineB().id();
        String pair = a.compareTo(b) <= 0 ? a + ":" + b : b + ":" + a;
        List<String> ingredients = i.ingredients().stream().sorted().toList();
        return new Finding("interaction:" + pair + ":" + String.join("+", ingredients), "interaction", i.severity(),
                Finding.blocks("interaction", i.severity()), List.of(a, b), ingredients, i.descriptionEn(),
                i.descriptionAr(), i.managementEn(), i.managementAr(), null);
    }

    static int severityRank(String severity) {
        return switch (severity) {
            case "contraindicated" -> 0;
            case "major" -> 1;
            case "moderate" -> 2;
            default -> 3;
        };
    }

    // ---- reading -----------------------------------------------------------------------------------------------

    /** Doctors and admins of the prescribing tenant; a pharmacy that dispensed it. */
    public PrescriptionView get(Actor actor, UUID id) {
        Caller caller = actor.caller();
        return db.acrossTenants(handle -> {
            if (!reader.visible(handle, caller, id)) {
                throw new PrescriptionNotFound();
            }
            PrescriptionView view = reader.load(handle, id);
            audit.record(handle, actor, AuditEvent.of("prescription.read", "prescription", id, caller.tenantId()));
            return view;
        });
    }

    /** A pharmacist looks up the prescription presented to them, by code (or the code inside a QR payload). */
    public PrescriptionView byCode(Actor actor, String typed) {
        String code = typed.contains(".") ? seal.verify(typed).orElseThrow(PrescriptionNotFound::new)
                : PrescriptionCodes.normalize(typed);
        Caller caller = actor.caller();
        return db.acrossTenants(handle -> {
            UUID id = handle.createQuery("SELECT id FROM prescriptions WHERE code = :code").bind("code", code)
                    .mapTo(UUID.class).findOne().orElseThrow(PrescriptionNotFound::new);
            PrescriptionView view = reader.load(handle, id);
            audit.record(handle, actor, AuditEvent.of("prescription.presented", "prescription", id, caller.tenantId()));
            return view;
        });
    }

    /** Prescriptions of the caller's tenant (doctors), or those its pharmacy dispensed (pharmacists). */
    public Page<PrescriptionView> list(Actor actor, UUID patientId, String status, PageRequest page) {
        Caller caller = actor.caller();
        boolean pharmacy = caller.can("dispensing:write") && !caller.can("prescriptions:write");
        return db.acrossTenants(handle -> {
            String where = pharmacy
                    ? " WHERE EXISTS (SELECT 1 FROM dispensings d WHERE d.prescription_id = p.id AND d.tenant_id = :tenant)"
                    : " WHERE p.tenant_id = :tenant";
            where += " AND (CAST(:patient AS uuid) IS NULL OR p.patient_id = CAST(:patient AS uuid))"
                    + " AND (CAST(:status AS text) IS NULL OR p.status = :status)";
            Map<String, Object> binds = new HashMap<>();
            binds.put("tenant", caller.tenantId());
            binds.put("patient", patientId == null ? null : patientId.toString());
            binds.put("status", status);
            long total = handle.createQuery("SELECT count(*) FROM prescriptions p" + where).bindMap(binds)
                    .mapTo(Long.class).one();
            List<UUID> ids = handle.createQuery("SELECT p.id FROM prescriptions p" + where
                            + " ORDER BY p.issued_at DESC, p.id LIMIT :limit OFFSET :offset")
                    .bindMap(binds).bind("limit", page.size()).bind("offset", page.offset())
                    .mapTo(UUID.class).list();
            List<PrescriptionView> items = new ArrayList<>();
            for (UUID id : ids) {
                items.add(reader.load(handle, id));
            }
            audit.record(handle, actor, AuditEvent.of("prescription.listed", "prescription", null, caller.tenantId())
                    .withChanges(Map.of("returned", ids.stream().map(UUID::toString).toList())));
            return new Page<>(items, page, total);
        });
    }

    /** A patient's history at the caller's hospital or clinic: every prescription with its dispensings, newest first. */
    public Page<PrescriptionView> history(Actor actor, UUID patientId, PageRequest page) {
        Caller caller = actor.caller();
        boolean known = db.inTenant(caller.tenantId(), handle -> handle.createQuery(
                        "SELECT EXISTS (SELECT 1 FROM patients WHERE id = :id AND tenant_id = :tenant)")
                .bind("id", patientId).bind("tenant", caller.tenantId()).mapTo(Boolean.class).one());
        if (!known) {
            throw new ai.healthflow.patient.PatientNotFound();
        }
        return db.acrossTenants(handle -> {
            long total = handle.createQuery("SELECT count(*) FROM prescriptions WHERE patient_id = :patient AND tenant_id = :tenant")
                    .bind("patient", patientId).bind("tenant", caller.tenantId()).mapTo(Long.class).one();
            List<UUID> ids = handle.createQuery("""
                            SELECT id FROM prescriptions WHERE patient_id = :patient AND tenant_id = :tenant
                             ORDER BY issued_at DESC, id LIMIT :limit OFFSET :offset
                            """)
                    .bind("patient", patientId).bind("tenant", caller.tenantId())
                    .bind("limit", page.size()).bind("offset", page.offset())
                    .mapTo(UUID.class).list();
            List<PrescriptionView> items = new ArrayList<>();
            for (UUID id : ids) {
                items.add(reader.load(handle, id));
            }
            audit.record(handle, actor, AuditEvent.of("patient.history_read", "patient", patientId, caller.tenantId())
                    .withChanges(Map.of("prescriptions", ids.size())));
            return new Page<>(items, page, total);
        });
    }

    // ---- changing ----------------------------------------------------------------------------------------------

    public PrescriptionView cancel(Actor actor, UUID id, String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            throw new ValidationFailed("reason", "say why the prescription is cancelled (at most 1000 characters)");
        }
        Caller caller = actor.caller();
        return db.inTenant(caller.tenantId(), handle -> {
            String status = handle.createQuery("SELECT status FROM prescriptions WHERE id = :id FOR UPDATE")
                    .bind("id", id).mapTo(String.class).findOne().orElseThrow(PrescriptionNotFound::new);
            if (!"issued".equals(status)) {
                throw new PrescriptionConflict("Only an issued prescription that nothing was dispensed from can be "
                        + "cancelled; this one is " + status + ".");
            }
            Instant now = clock.instant();
            handle.createUpdate("""
                            UPDATE prescriptions SET status = 'cancelled', cancelled_at = :now, cancelled_by = :by,
                                   cancel_reason = :reason, updated_at = :now WHERE id = :id
                            """)
                    .bind("now", utc(now)).bind("by", caller.userId()).bind("reason", reason.strip()).bind("id", id)
                    .execute();
            audit.record(handle, actor, AuditEvent.of("prescription.cancelled", "prescription", id, caller.tenantId())
                    .withChanges(Map.of("reason", reason.strip())));
            return reader.load(handle, id);
        });
    }

    /**
     * Hands over medicines. The prescription row is locked first, so concurrent dispensings queue: the second
     * sees the quantities the first took and is refused (409) if it would exceed them.
     */
    public PrescriptionView dispense(Actor actor, UUID id, DispenseRequest request) {
        List<FieldError> errors = PrescriptionValidator.validate(request);
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        Caller caller = actor.caller();
        return db.acrossTenants(handle -> new Dispensing(handle, clock, audit).dispense(actor, id, request, reader));
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static boolean open(String status) {
        return OPEN.contains(status);
    }
}
