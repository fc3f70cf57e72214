package ai.healthflow.patient;

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
import ai.healthflow.search.analysis.TextNormalizer;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Patients of the caller's tenant. Every read is audited (who looked at which patients), as patient data is.
 */
public final class PatientService {
    static final ZoneId CAIRO = ZoneId.of("Africa/Cairo");
    private final Db db;
    private final AuditLog audit;
    private final Clock clock;

    public PatientService(Db db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    public PatientView register(Actor actor, RegisterPatientRequest request) {
        LocalDate today = LocalDate.now(clock.withZone(CAIRO));
        List<FieldError> errors = PatientValidator.validate(request, today);
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        Caller caller = actor.caller();
        NationalId nationalId = NationalId.parse(request.nationalId(), today);
        return db.inTenant(caller.tenantId(), handle -> {
            checkIngredients(handle, request);
            boolean taken = handle.createQuery("SELECT EXISTS (SELECT 1 FROM patients WHERE tenant_id = :tenant AND national_id = :nid)")
                    .bind("tenant", caller.tenantId()).bind("nid", nationalId.value()).mapTo(Boolean.class).one();
            if (taken) {
                throw new DuplicatePatient();
            }
            String phone = request.phone() == null || request.phone().isBlank() ? null : PatientValidator.phone(request.phone());
            UUID id = handle.createQuery("""
                            INSERT INTO patients (tenant_id, national_id, name_en, name_ar, date_of_birth, sex, phone,
                                                  governorate, search_text, created_by, created_at, updated_at)
                            VALUES (:tenant, :nid, :nameEn, :nameAr, :dob, :sex, :phone, :governorate, :search, :by, :now, :now)
                            RETURNING id
                            """)
                    .bind("tenant", caller.tenantId())
                    .bind("nid", nationalId.value())
                    .bind("nameEn", request.nameEn().strip())
                    .bind("nameAr", request.nameAr().strip())
                    .bind("dob", request.dateOfBirth())
                    .bind("sex", request.sex())
                    .bind("phone", phone)
                    .bind("governorate", nationalId.governorate())
                    .bind("search", searchText(request.nameEn(), request.nameAr(), nationalId.value(), phone))
                    .bind("by", caller.userId())
                    .bind("now", OffsetDateTime.now(clock))
                    .mapTo(UUID.class).one();
            for (RegisterPatientRequest.Allergy allergy : nullSafe(request.allergies())) {
                handle.createUpdate("""
                                INSERT INTO patient_allergies (patient_id, tenant_id, kind, substance, reaction)
                                VALUES (:id, :tenant, :kind, :substance, :reaction)
                                """)
                        .bind("id", id).bind("tenant", caller.tenantId()).bind("kind", allergy.type())
                        .bind("substance", allergy.substance().strip().toLowerCase(Locale.ROOT))
                        .bind("reaction", allergy.reaction())
                        .execute();
            }
            for (RegisterPatientRequest.Condition condition : nullSafe(request.conditions())) {
                handle.createUpdate("""
                                INSERT INTO patient_conditions (patient_id, tenant_id, name, icd10)
                                VALUES (:id, :tenant, :name, :icd10) ON CONFLICT DO NOTHING
                                """)
                        .bind("id", id).bind("tenant", caller.tenantId()).bind("name", condition.name().strip())
                        .bind("icd10", condition.icd10())
                        .execute();
            }
            // identifiers only: the audit trail is not a second copy of the patient record
            audit.record(handle, actor, AuditEvent.of("patient.registered", "patient", id, caller.tenantId())
                    .withChanges(Map.of("allergies", nullSafe(request.allergies()).size(),
                            "conditions", nullSafe(request.conditions()).size())));
            return load(handle, id);
        });
    }

    /** Name in either script (Arabic spelling variants folded), national ID (or its start) or phone. */
    public Page<PatientView> search(Actor actor, String q, PageRequest page) {
        if (q != null && q.strip().length() > 100) {
            throw new InvalidParameter("q", "must be at most 100 characters");
        }
        String term = q == null || q.isBlank() ? null : normalized(q);
        Caller caller = actor.caller();
        return db.inTenant(caller.tenantId(), handle -> {
            String where = " WHERE tenant_id = :tenant AND (CAST(:term AS text) IS NULL OR search_text LIKE '%' || :term || '%' ESCAPE '\\')";
            long total = handle.createQuery("SELECT count(*) FROM patients" + where)
                    .bind("tenant", caller.tenantId()).bind("term", like(term)).mapTo(Long.class).one();
            List<UUID> ids = handle.createQuery("SELECT id FROM patients" + where
                            + " ORDER BY lower(name_en), id LIMIT :limit OFFSET :offset")
                    .bind("tenant", caller.tenantId()).bind("term", like(term))
                    .bind("limit", page.size()).bind("offset", page.offset())
                    .mapTo(UUID.class).list();
            List<PatientView> patients = new ArrayList<>();
            for (UUID id : ids) {
                patients.add(load(handle, id));
            }
            audit.record(handle, actor, AuditEvent.of("patient.searched", "patient", null, caller.tenantId())
                    .withChanges(Map.of("returned", ids.stream().map(UUID::toString).toList())));
            return new Page<>(patients, page, total);
        });
    }

    public PatientView get(Actor actor, UUID id) {
        Caller caller = actor.caller();
        return db.inTenant(caller.tenantId(), handle -> {
            PatientView patient = load(handle, id);
            audit.record(handle, actor, AuditEvent.of("patient.read", "patient", id, caller.tenantId()));
            return patient;
        });
    }

    private static PatientView load(Handle handle, UUID id) {
        var allergies = handle.createQuery("SELECT kind, substance, reaction FROM patient_allergies WHERE patient_id = :id ORDER BY kind, substance")
                .bind("id", id)
                .map((rs, ctx) -> new RegisterPatientRequest.Allergy(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
        var conditions = handle.createQuery("SELECT name, icd10 FROM patient_conditions WHERE patient_id = :id ORDER BY name")
                .bind("id", id)
                .map((rs, ctx) -> new RegisterPatientRequest.Condition(rs.getString(1), rs.getString(2)))
                .list();
        return handle.createQuery("SELECT * FROM patients WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new PatientView(id, rs.getString("national_id"), rs.getString("name_en"),
                        rs.getString("name_ar"), rs.getObject("date_of_birth", LocalDate.class), rs.getString("sex"),
                        rs.getString("phone"), rs.getString("governorate"), allergies, conditions,
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .findOne()
                .orElseThrow(PatientNotFound::new);
    }

    /** An allergy must name an ingredient the registry knows or a known drug class, or no check could match it. */
    private static void checkIngredients(Handle handle, RegisterPatientRequest request) {
        List<FieldError> errors = new ArrayList<>();
        List<RegisterPatientRequest.Allergy> allergies = nullSafe(request.allergies());
        for (int i = 0; i < allergies.size(); i++) {
            RegisterPatientRequest.Allergy a = allergies.get(i);
            if ("ingredient".equals(a.type()) && !handle.createQuery(
                            "SELECT EXISTS (SELECT 1 FROM ingredients WHERE lower(name_en) = lower(:name))")
                    .bind("name", a.substance().strip()).mapTo(Boolean.class).one()) {
                errors.add(new FieldError("allergies[" + i + "].substance", "no ingredient with this name in the registry"));
            }
            if ("class".equals(a.type()) && !handle.createQuery(
                            "SELECT EXISTS (SELECT 1 FROM drug_classes WHERE lower(code) = lower(:code))")
                    .bind("code", a.substance().strip()).mapTo(Boolean.class).one()) {
                errors.add(new FieldError("allergies[" + i + "].substance",
                        "no drug class with this code (GET /api/v2/interactions/classes lists them)"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
    }

    static String searchText(String nameEn, String nameAr, String nationalId, String phone) {
        return normalized(nameEn) + " | " + normalized(nameAr) + " | " + nationalId + " | " + (phone == null ? "" : phone.replace("+20", "0"));
    }

    /** Lower case, Arabic letter variants and diacritics folded, digits in ASCII: the search's own rules. */
    static String normalized(String text) {
        return TextNormalizer.normalize(text).toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
    }

    private static String like(String term) {
        return term == null ? null : term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
