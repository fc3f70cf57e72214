package ai.healthflow.adverseevent;

import ai.healthflow.adverseevent.AdverseEventRows.CausalityRow;
import ai.healthflow.adverseevent.AdverseEventRows.DrugRow;
import ai.healthflow.adverseevent.AdverseEventRows.EventRow;
import ai.healthflow.adverseevent.AdverseEventRows.MedicineRef;
import ai.healthflow.adverseevent.AdverseEventRows.NewDrug;
import ai.healthflow.adverseevent.AdverseEventRows.NewReaction;
import ai.healthflow.adverseevent.AdverseEventRows.ReactionRow;
import ai.healthflow.adverseevent.AdverseEventRows.TransitionRow;
import ai.healthflow.adverseevent.AdverseEventRows.VersionRow;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The adverse-event tables; all tenant-owned, so row-level security applies to every statement. */
@RegisterConstructorMapper(EventRow.class)
@RegisterConstructorMapper(VersionRow.class)
@RegisterConstructorMapper(DrugRow.class)
@RegisterConstructorMapper(ReactionRow.class)
@RegisterConstructorMapper(CausalityRow.class)
@RegisterConstructorMapper(TransitionRow.class)
@RegisterConstructorMapper(MedicineRef.class)
@RegisterConstructorMapper(AdverseEventSummary.class)
@RegisterConstructorMapper(AdverseEventView.CaseReference.class)
@RegisterConstructorMapper(AdverseEventView.VersionEntry.class)
public interface AdverseEventDao {
    String EVENT = """
            SELECT e.id, e.tenant_id, t.name_en AS tenant_name, e.case_number, e.reporter_id, e.reporter_name,
                   e.reporter_role, e.status, e.current_version, e.serious, e.received_at, e.latest_info_at, e.due_at,
                   e.created_at, e.updated_at
              FROM adverse_events e JOIN tenants t ON t.id = e.tenant_id
            """;
    /** The list filters; overdue = serious, past due and not yet assessed or closed (also the list's column). */
    String FILTER = """
             WHERE (CAST(:status AS text) IS NULL OR e.status = CAST(:status AS text))
               AND (CAST(:serious AS boolean) IS NULL OR e.serious = CAST(:serious AS boolean))
               AND (CAST(:from AS timestamptz) IS NULL OR e.received_at >= CAST(:from AS timestamptz))
               AND (CAST(:to AS timestamptz) IS NULL OR e.received_at < CAST(:to AS timestamptz))
               AND (CAST(:overdue AS boolean) IS NULL
                    OR (e.serious AND e.status NOT IN ('assessed', 'closed') AND coalesce(e.due_at < :now, false)) = CAST(:overdue AS boolean))
               AND (CAST(:medicineId AS uuid) IS NULL OR EXISTS (
                     SELECT 1 FROM adverse_event_drugs d
                      WHERE d.event_id = e.id AND d.version = e.current_version AND d.role = 'suspect'
                        AND d.medicine_id = CAST(:medicineId AS uuid)))
               AND (CAST(:ingredientId AS uuid) IS NULL OR EXISTS (
                     SELECT 1 FROM adverse_event_drugs d
                      WHERE d.event_id = e.id AND d.version = e.current_version AND d.role = 'suspect'
                        AND d.ingredient_ids @> ARRAY[CAST(:ingredientId AS uuid)]))
               AND (CAST(:ingredientName AS text) IS NULL OR EXISTS (
                     SELECT 1 FROM adverse_event_drugs d JOIN ingredients i ON d.ingredient_ids @> ARRAY[i.id]
                      WHERE d.event_id = e.id AND d.version = e.current_version AND d.role = 'suspect'
                        AND lower(i.name_en) = lower(CAST(:ingredientName AS text))))
               AND (CAST(:reaction AS text) IS NULL OR EXISTS (
                     SELECT 1 FROM adverse_event_reactions r
                      WHERE r.event_id = e.id AND r.version = e.current_version
                        AND (lower(r.term) = lower(CAST(:reaction AS text)) OR r.meddra_code = CAST(:reaction AS text))))
            """;

    // ---- writes

    /** Serialises submissions describing the same patient, so two near-simultaneous duplicates still see each other. */
    @SqlQuery("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0)) IS NULL")
    boolean lockPatient(@Bind("key") String key);

    /**
     * A new case in one statement: the case row with the next case number (AE-year-000001), its first version and
     * the submission as the first step of its history.
     *
     * @return the case number
     */
    @SqlQuery("""
            WITH event AS (
                INSERT INTO adverse_events (id, tenant_id, case_number, reporter_id, reporter_name, reporter_role, status,
                                            current_version, serious, received_at, latest_info_at, due_at, created_at,
                                            updated_at)
                SELECT :id, :tenantId,
                       'AE-' || to_char(CAST(:now AS timestamptz) AT TIME ZONE 'UTC', 'YYYY') || '-'
                             || lpad(n::text, greatest(6, length(n::text)), '0'),
                       :reporterId, :reporterName, :reporterRole, 'submitted', 1, :serious, :now, :now, :dueAt, :now, :now
                  FROM nextval('adverse_event_case_seq') AS n
                RETURNING case_number
            ), version AS (
                INSERT INTO adverse_event_versions (event_id, version, tenant_id, received_at, submitted_by,
                                                    submitted_by_name, patient_initials, patient_age_years,
                                                    patient_age_group, patient_birth_date, patient_sex,
                                                    patient_weight_kg, serious, seriousness_criteria, narrative)
                VALUES (:id, 1, :tenantId, :now, :reporterId, :reporterName, :p.initials, :p.ageYears, :p.ageGroup,
                        :p.birthDate, :p.sex, :p.weightKg, :serious, :criteria, :narrative)
            ), history AS (
                INSERT INTO adverse_event_transitions (event_id, tenant_id, from_status, to_status, comment, actor_id,
                                                       actor_name, occurred_at)
                VALUES (:id, :tenantId, NULL, 'submitted', :comment, :reporterId, :reporterName, :now)
            )
            SELECT case_number FROM event
            """)
    String insertCase(@Bind("id") UUID id, @Bind("tenantId") UUID tenantId, @Bind("reporterId") UUID reporterId,
                      @Bind("reporterName") String reporterName, @Bind("reporterRole") String reporterRole,
                      @Bind("serious") boolean serious, @Bind("now") Instant now, @Bind("dueAt") Instant dueAt,
                      @BindMethods("p") AdverseEventRequest.Patient patient, @Bind("criteria") String[] criteria,
                      @Bind("narrative") String narrative, @Bind("comment") String comment);

    @SqlUpdate("""
            INSERT INTO adverse_event_versions (event_id, version, tenant_id, received_at, submitted_by, submitted_by_name,
                                                patient_initials, patient_age_years, patient_age_group, patient_birth_date,
                                                patient_sex, patient_weight_kg, serious, seriousness_criteria, narrative)
            VALUES (:eventId, :version, :tenantId, :now, :submittedBy, :submittedByName, :p.initials, :p.ageYears,
                    :p.ageGroup, :p.birthDate, :p.sex, :p.weightKg, :serious, :criteria, :narrative)
            """)
    void insertVersion(@Bind("eventId") UUID eventId, @Bind("version") int version, @Bind("tenantId") UUID tenantId,
                       @Bind("now") Instant now, @Bind("submittedBy") UUID submittedBy,
                       @Bind("submittedByName") String submittedByName,
                       @BindMethods("p") AdverseEventRequest.Patient patient, @Bind("serious") boolean serious,
                       @Bind("criteria") String[] criteria, @Bind("narrative") String narrative);

    @SqlBatch("""
            INSERT INTO adverse_event_drugs (id, event_id, version, tenant_id, position, role, medicine_id, ingredient_ids,
                                             batch_number, dose, route, start_date, stop_date, action_taken)
            VALUES (:d.id, :eventId, :version, :tenantId, :d.position, :d.role, :d.medicineId, :d.ingredientIds,
                    :d.batchNumber, :d.dose, :d.route, :d.startDate, :d.stopDate, :d.actionTaken)
            """)
    void insertDrugs(@Bind("eventId") UUID eventId, @Bind("version") int version, @Bind("tenantId") UUID tenantId,
                     @BindMethods("d") List<NewDrug> drugs);

    @SqlBatch("""
            INSERT INTO adverse_event_reactions (id, event_id, version, tenant_id, position, term, meddra_code, onset_date, outcome)
            VALUES (:r.id, :eventId, :version, :tenantId, :r.position, :r.term, :r.meddraCode, :r.onsetDate, :r.outcome)
            """)
    void insertReactions(@Bind("eventId") UUID eventId, @Bind("version") int version, @Bind("tenantId") UUID tenantId,
                         @BindMethods("r") List<NewReaction> reactions);

    @SqlUpdate("""
            INSERT INTO adverse_event_transitions (event_id, tenant_id, from_status, to_status, comment, actor_id,
                                                   actor_name, occurred_at)
            VALUES (:eventId, :tenantId, :from, :to, :comment, :actorId, :actorName, :now)
            """)
    void insertTransition(@Bind("eventId") UUID eventId, @Bind("tenantId") UUID tenantId, @Bind("from") String from,
                          @Bind("to") String to, @Bind("comment") String comment, @Bind("actorId") UUID actorId,
                          @Bind("actorName") String actorName, @Bind("now") Instant now);

    /**
     * Flags the cases {@code hf_adverse_event_duplicates} finds for this version (across tenants: see the
     * migration); a pair already flagged is not flagged again.
     *
     * @return the newly flagged cases; case number and receipt only for those the caller's scope can see
     */
    @SqlQuery("""
            WITH flagged AS (
                INSERT INTO adverse_event_duplicates (event_id, candidate_id, tenant_id, detected_at)
                SELECT :eventId, c.candidate_id, :tenantId, :now FROM hf_adverse_event_duplicates(:eventId, :version) c
                ON CONFLICT DO NOTHING
                RETURNING candidate_id
            )
            SELECT f.candidate_id AS id, o.case_number, o.received_at
              FROM flagged f LEFT JOIN adverse_events o ON o.id = f.candidate_id
             ORDER BY o.received_at, f.candidate_id
            """)
    List<AdverseEventView.CaseReference> flagDuplicates(@Bind("eventId") UUID eventId, @Bind("version") int version,
                              @Bind("tenantId") UUID tenantId, @Bind("now") Instant now);

    @SqlUpdate("UPDATE adverse_events SET status = :status, updated_at = :now WHERE id = :id")
    void updateStatus(@Bind("id") UUID id, @Bind("status") String status, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE adverse_events SET current_version = :version, serious = :serious, due_at = :dueAt, status = :status,
                   latest_info_at = :now, updated_at = :now
             WHERE id = :id
            """)
    void applyFollowUp(@Bind("id") UUID id, @Bind("version") int version, @Bind("serious") boolean serious,
                       @Bind("dueAt") Instant dueAt, @Bind("status") String status, @Bind("now") Instant now);

    @SqlUpdate("""
            INSERT INTO adverse_event_causality (event_id, medicine_id, tenant_id, who_umc, naranjo_score, comment,
                                                 assessed_by, assessed_by_name, assessed_at)
            VALUES (:eventId, :medicineId, :tenantId, :whoUmc, :naranjoScore, :comment, :by, :byName, :now)
            ON CONFLICT (event_id, medicine_id) DO UPDATE
               SET who_umc = EXCLUDED.who_umc, naranjo_score = EXCLUDED.naranjo_score, comment = EXCLUDED.comment,
                   assessed_by = EXCLUDED.assessed_by, assessed_by_name = EXCLUDED.assessed_by_name,
                   assessed_at = EXCLUDED.assessed_at
            """)
    void upsertCausality(@Bind("eventId") UUID eventId, @Bind("medicineId") UUID medicineId,
                         @Bind("tenantId") UUID tenantId, @Bind("whoUmc") String whoUmc,
                         @Bind("naranjoScore") Integer naranjoScore, @Bind("comment") String comment,
                         @Bind("by") UUID by, @Bind("byName") String byName, @Bind("now") Instant now);

    // ---- reads

    /** Registry medicines by id, with their active ingredients in order; unknown ids are simply absent. */
    @SqlQuery("""
            SELECT m.id, m.trade_name_en, m.strength, m.registration_no, m.manufacturer,
                   ARRAY(SELECT mi.ingredient_id FROM medicine_ingredients mi
                          WHERE mi.medicine_id = m.id ORDER BY mi.position) AS ingredient_ids,
                   ARRAY(SELECT i.name_en FROM medicine_ingredients mi JOIN ingredients i ON i.id = mi.ingredient_id
                          WHERE mi.medicine_id = m.id ORDER BY mi.position) AS ingredient_names
              FROM medicines m WHERE m.id = ANY(:ids)
            """)
    List<MedicineRef> medicines(@Bind("ids") UUID[] ids);

    @SqlQuery(EVENT + " WHERE e.id = :id")
    Optional<EventRow> find(@Bind("id") UUID id);

    /** Locks the case: transitions, follow-ups and assessments of one case happen one after another. */
    @SqlQuery(EVENT + " WHERE e.id = :id FOR UPDATE OF e")
    Optional<EventRow> findForUpdate(@Bind("id") UUID id);

    @SqlQuery("""
            SELECT event_id, version, received_at, submitted_by, submitted_by_name, patient_initials, patient_age_years,
                   patient_age_group, patient_birth_date, patient_sex, patient_weight_kg, serious, seriousness_criteria,
                   narrative
              FROM adverse_event_versions WHERE event_id = :id AND version = :version
            """)
    Optional<VersionRow> version(@Bind("id") UUID id, @Bind("version") int version);

    @SqlQuery("""
            SELECT version, received_at, submitted_by, submitted_by_name FROM adverse_event_versions
             WHERE event_id = :id ORDER BY version
            """)
    List<AdverseEventView.VersionEntry> versions(@Bind("id") UUID id);

    /** Suspect medicines first, each list in the order reported. */
    @SqlQuery("""
            SELECT d.id, d.role, d.position, d.medicine_id, m.trade_name_en, m.strength, m.registration_no, m.manufacturer,
                   d.ingredient_ids,
                   ARRAY(SELECT i.name_en FROM unnest(d.ingredient_ids) WITH ORDINALITY AS u(id, n)
                           JOIN ingredients i ON i.id = u.id ORDER BY u.n) AS ingredient_names,
                   d.batch_number, d.dose, d.route, d.start_date, d.stop_date, d.action_taken
              FROM adverse_event_drugs d JOIN medicines m ON m.id = d.medicine_id
             WHERE d.event_id = :id AND d.version = :version
             ORDER BY d.role = 'suspect' DESC, d.position
            """)
    List<DrugRow> drugs(@Bind("id") UUID id, @Bind("version") int version);

    @SqlQuery("""
            SELECT id, position, term, meddra_code, onset_date, outcome FROM adverse_event_reactions
             WHERE event_id = :id AND version = :version ORDER BY position
            """)
    List<ReactionRow> reactions(@Bind("id") UUID id, @Bind("version") int version);

    @SqlQuery("""
            SELECT medicine_id, who_umc, naranjo_score, comment, assessed_by, assessed_by_name, assessed_at
              FROM adverse_event_causality WHERE event_id = :id
            """)
    List<CausalityRow> causality(@Bind("id") UUID id);

    @SqlQuery("""
            SELECT from_status, to_status, comment, actor_id, actor_name, occurred_at
              FROM adverse_event_transitions WHERE event_id = :id ORDER BY id
            """)
    List<TransitionRow> transitions(@Bind("id") UUID id);

    /**
     * Flagged pairs in either direction; joining the other case keeps out one the caller's scope cannot see
     * (row-level security hides it).
     */
    @SqlQuery("""
            SELECT DISTINCT o.id, o.case_number, o.received_at
              FROM adverse_event_duplicates x
              JOIN adverse_events o ON o.id = CASE WHEN x.event_id = :id THEN x.candidate_id ELSE x.event_id END
             WHERE x.event_id = :id OR x.candidate_id = :id
             ORDER BY o.received_at, o.id
            """)
    List<AdverseEventView.CaseReference> duplicates(@Bind("id") UUID id);

    /** {@code orderBy} comes from {@code PageRequest.orderBy}'s allow-list, never from the client. */
    @SqlQuery("""
            SELECT e.id, e.case_number, e.current_version AS version, e.status, e.tenant_id, t.name_en AS tenant_name,
                   e.reporter_name, e.serious, v.seriousness_criteria, e.received_at, e.latest_info_at, e.due_at,
                   (e.serious AND e.status NOT IN ('assessed', 'closed') AND coalesce(e.due_at < :now, false)) AS overdue,
                   ARRAY(SELECT m.trade_name_en FROM adverse_event_drugs d JOIN medicines m ON m.id = d.medicine_id
                          WHERE d.event_id = e.id AND d.version = e.current_version AND d.role = 'suspect'
                          ORDER BY d.position) AS suspect_medicines,
                   ARRAY(SELECT r.term FROM adverse_event_reactions r
                          WHERE r.event_id = e.id AND r.version = e.current_version ORDER BY r.position) AS reactions,
                   (SELECT count(DISTINCT o.id) FROM adverse_event_duplicates x
                      JOIN adverse_events o ON o.id = CASE WHEN x.event_id = e.id THEN x.candidate_id ELSE x.event_id END
                     WHERE x.event_id = e.id OR x.candidate_id = e.id) AS possible_duplicates
              FROM adverse_events e
              JOIN tenants t ON t.id = e.tenant_id
              JOIN adverse_event_versions v ON v.event_id = e.id AND v.version = e.current_version
            """ + FILTER + " ORDER BY <orderBy> LIMIT :limit OFFSET :offset")
    List<AdverseEventSummary> list(@BindMethods AdverseEventFilter filter, @Bind("now") Instant now,
                                   @Define("orderBy") String orderBy, @Bind("limit") int limit,
                                   @Bind("offset") long offset);

    @SqlQuery("SELECT count(*) FROM adverse_events e" + FILTER)
    long count(@BindMethods AdverseEventFilter filter, @Bind("now") Instant now);
}
