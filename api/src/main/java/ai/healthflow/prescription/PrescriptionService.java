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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static ai.healthflow.platform.db.Timestamps.utc;

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
        // round trips: patient (+ current medicines, consultation), medicines, interactions, allergies, insert,
        // items, findings, audit (2); the answer is built from what was written, not read back
        return db.inTenant(caller.tenantId(), handle -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps
            References references = references(handle, caller, request, now);
            List<UUID> proposed = request.items().stream().map(PrescriptionRequest.Item::medicineId).toList();
            List<Finding> findings = findings(handle, request.patientId(), proposed, references.currentMedicines());
            Map<String, String> overrides = request.overrides() == null ? Map.of() : request.overrides();
            List<String> missing = findings.stream().filter(Finding::blocking)
                    .map(Finding::key).filter(key -> overrides.get(key) == null || overrides.get(key).isBlank()).toList();
            if (!missing.isEmpty()) {
                throw new FindingsNeedOverride(findings, missing);
            }
            findings = findings.stream().map(f -> f.blocking() ? f.withOverride(overrides.get(f.key()).strip()) : f).toList();

            Issued issued = insert(handle, caller, request, now);
            List<PrescriptionView.Item> items = new ArrayList<>();
            var rows = handle.prepareBatch("""
                    INSERT INTO prescription_items (id, prescription_id, position, medicine_id, dose, frequency,
                                                    duration_days, quantity, instructions_en, instructions_ar)
                    VALUES (:itemId, :id, :position, :medicine, :dose, :frequency, :days, :quantity, :en, :ar)
                    """);
            for (int i = 0; i < request.items().size(); i++) {
                PrescriptionRequest.Item item = request.items().get(i);
                var view = new PrescriptionView.Item(UUID.randomUUID(), i + 1,
                        references.medicines().get(item.medicineId()).view(), item.dose().strip(),
                        item.frequency().strip(), item.durationDays(), item.quantity(), 0, item.quantity(),
                        item.instructionsEn(), item.instructionsAr());
                items.add(view);
                rows.bind("itemId", view.id()).bind("id", issued.id()).bind("position", view.position())
                        .bind("medicine", item.medicineId()).bind("dose", view.dose()).bind("frequency", view.frequency())
                        .bind("days", view.durationDays()).bind("quantity", view.quantity())
                        .bind("en", view.instructionsEn()).bind("ar", view.instructionsAr())
                        .add();
            }
            rows.execute();
            if (!findings.isEmpty()) {
                var findingRows = handle.prepareBatch("""
                        INSERT INTO prescription_findings (prescription_id, finding_key, kind, severity, medicines,
                                                           ingredients, description_en, description_ar,
                                                           management_en, management_ar, override_reason)
                        VALUES (:id, :key, :kind, :severity, :medicines, :ingredients, :en, :ar, :mEn, :mAr, :reason)
                        """);
                for (Finding finding : findings) {
                    findingRows.bind("id", issued.id()).bind("key", finding.key()).bind("kind", finding.kind())
                            .bind("severity", finding.severity())
                            .bindArray("medicines", UUID.class, finding.medicines())
                            .bindArray("ingredients", String.class, finding.ingredients())
                            .bind("en", finding.descriptionEn()).bind("ar", finding.descriptionAr())
                            .bind("mEn", finding.managementEn()).bind("mAr", finding.managementAr())
                            .bind("reason", finding.overrideReason())
                            .add();
                }
                findingRows.execute();
            }
            var changes = new LinkedHashMap<String, Object>();
            changes.put("patientId", request.patientId());
            changes.put("items", proposed);
            changes.put("findings", findings.stream().map(f -> f.key() + " (" + f.severity() + ")").toList());
            changes.put("overridden", findings.stream().filter(f -> f.overrideReason() != null)
                    .map(f -> Map.of("key", f.key(), "reason", f.overrideReason())).toList());
            // last: the audit chain's lock is held from here to the commit, so hold it briefly
            audit.record(handle, actor, AuditEvent.of("prescription.issued", "prescription", issued.id(), caller.tenantId())
                    .withChanges(changes));
            Instant expires = now.plus(validity);
            return new PrescriptionView(issued.id(), issued.code(), seal.seal(issued.id(), issued.code(), now, expires),
                    "issued", new PrescriptionView.Patient(request.patientId(), references.patientNameEn(),
                    references.patientNameAr()), new PrescriptionView.Prescriber(caller.userId(), issued.prescriberName()),
                    caller.tenantId(), request.consultationId(), items, findings, List.of(), request.notes(),
                    Boolean.TRUE.equals(request.allowSubstitution()), now, expires, null, null);
        });
    }

    private record Issued(UUID id, String code, String prescriberName) {
    }

    private Issued insert(Handle handle, Caller caller, PrescriptionRequest request, Instant now) {
        for (int attempt = 0; ; attempt++) {
            String code = PrescriptionCodes.next();
            Optional<Issued> issued = handle.createQuery("""
                            INSERT INTO prescriptions (code, tenant_id, patient_id, consultation_id, prescriber_id, notes,
                                                       allow_substitution, issued_at, expires_at, updated_at)
                            VALUES (:code, :tenant, :patient, CAST(:consultation AS uuid), :prescriber, :notes, :substitution, :now,
                                    :expires, :now)
                            ON CONFLICT (code) DO NOTHING
                            RETURNING id, (SELECT display_name FROM users WHERE id = :prescriber) AS prescriber_name
                            """)
                    .bind("code", code).bind("tenant", caller.tenantId()).bind("patient", request.patientId())
                    .bind("consultation", request.consultationId() == null ? null : request.consultationId().toString()).bind("prescriber", caller.userId())
                    .bind("notes", request.notes()).bind("substitution", Boolean.TRUE.equals(request.allowSubstitution()))
                    .bind("now", utc(now)).bind("expires", utc(now.plus(validity)))
                    .map((rs, ctx) -> new Issued(rs.getObject("id", UUID.class), code, rs.getString("prescriber_name")))
                    .findOne();
            if (issued.isPresent()) {
                return issued.get();
            }
            if (attempt == 5) { // 2^40 codes: five collisions in a row means something else is wrong
                throw new IllegalStateException("Could not allocate a prescription code");
            }
        }
    }

    /**
     * What the prescription refers to, checked: the patient is the caller's tenant's (with the medicines of their
     * open prescriptions), the consultation is the patient's, every medicine is prescribable.
     */
    private record References(String patientNameEn, String patientNameAr, List<UUID> currentMedicines,
                              Map<UUID, Prescribability.Candidate> medicines) {
    }

    private static References references(Handle handle, Caller caller, PrescriptionRequest request, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        Optional<References> patient = handle.createQuery("""
                        SELECT p.name_en, p.name_ar,
                               ARRAY(SELECT DISTINCT i.medicine_id FROM prescription_items i
                                       JOIN prescriptions rx ON rx.id = i.prescription_id
                                      WHERE rx.patient_id = p.id AND rx.status IN ('issued', 'partially_dispensed')
                                        AND rx.expires_at > :now) AS current,
                               CAST(:consultation AS uuid) IS NULL OR EXISTS (
                                   SELECT 1 FROM consultations c WHERE c.id = CAST(:consultation AS uuid) AND c.patient_id = p.id)
                                   AS consultation_matches
                          FROM patients p WHERE p.id = :id AND p.tenant_id = :tenant
                        """)
                .bind("id", request.patientId()).bind("tenant", caller.tenantId()).bind("now", utc(now))
                .bind("consultation", request.consultationId() == null ? null : request.consultationId().toString())
                .map((rs, ctx) -> {
                    if (!rs.getBoolean("consultation_matches")) {
                        errors.add(new FieldError("consultationId", "no consultation of this patient with this id"));
                    }
                    return new References(rs.getString("name_en"), rs.getString("name_ar"),
                            List.of((UUID[]) rs.getArray("current").getArray()), Map.of());
                })
                .findOne();
        if (patient.isEmpty()) {
            errors.add(new FieldError("patientId", "no patient with this id in your organisation"));
            if (request.consultationId() != null) {
                errors.add(new FieldError("consultationId", "no consultation of this patient with this id"));
            }
        }
        Map<UUID, Prescribability.Candidate> medicines = Prescribability.candidates(handle,
                request.items().stream().map(PrescriptionRequest.Item::medicineId).toList());
        for (int i = 0; i < request.items().size(); i++) {
            String refusal = Prescribability.refusalOf(medicines, request.items().get(i).medicineId());
            if (refusal != null) {
                errors.add(new FieldError("items[" + i + "].medicineId", refusal));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        References found = patient.get();
        return new References(found.patientNameEn(), found.patientNameAr(), found.currentMedicines(), medicines);
    }

    /** Interactions among the items and with the patient's open prescriptions, and allergies. */
    private List<Finding> findings(Handle handle, UUID patientId, List<UUID> proposed, List<UUID> current) {
        List<Finding> findings = new ArrayList<>();
        checker.amongAndBetween(handle, proposed, current).stream()
                .map(PrescriptionService::finding)
                .forEach(f -> {
                    if (findings.stream().noneMatch(existing -> existing.key().equals(f.key()))) {
                        findings.add(f);
                    }
                });
        for (AllergyFinding allergy : checker.allergiesOfVisiblePatient(handle, proposed, patientId)) {
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


    static boolean open(String status) {
        return OPEN.contains(status);
    }
}
