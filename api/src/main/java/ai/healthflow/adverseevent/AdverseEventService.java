package ai.healthflow.adverseevent;

import ai.healthflow.adverseevent.AdverseEventRows.CausalityRow;
import ai.healthflow.adverseevent.AdverseEventRows.DrugRow;
import ai.healthflow.adverseevent.AdverseEventRows.EventRow;
import ai.healthflow.adverseevent.AdverseEventRows.MedicineRef;
import ai.healthflow.adverseevent.AdverseEventRows.NewDrug;
import ai.healthflow.adverseevent.AdverseEventRows.NewReaction;
import ai.healthflow.adverseevent.AdverseEventRows.ReactionRow;
import ai.healthflow.adverseevent.AdverseEventRows.VersionRow;
import ai.healthflow.audit.AuditEvent;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.audit.Changes;
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
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Adverse-event reports: validated submissions and follow-ups stored as versions, the regulator's workflow and
 * causality assessment, possible-duplicate flags and the regulatory clock of serious cases. Every change and every
 * read of a case (patient data) is audited in the same transaction; the audit record is written last, so the
 * audit chain's head row is locked only for the end of each transaction.
 *
 * <p>Scope: reporters ({@code adverse_events:write}) act in their own tenant; the regulator
 * ({@code adverse_events:read}, {@code adverse_events:assess}) across tenants. Another tenant's case is not found.
 */
public final class AdverseEventService {
    /** ICH E2D / national rules: serious cases reach the authority within 15 calendar days of receipt. */
    public static final Duration SERIOUS_CLOCK = Duration.ofDays(15);
    /** Dates in a report are calendar dates in Egypt; none may be later than today there. */
    public static final ZoneId ZONE = ZoneId.of("Africa/Cairo");
    static final String READ_ALL = "adverse_events:read";
    static final String ASSESS = "adverse_events:assess";
    private static final String RECEIVED = "Report received";
    private static final Map<String, String> SORTABLE = Map.of(
            "receivedAt", "e.received_at", "dueAt", "e.due_at", "caseNumber", "e.case_number",
            "status", "e.status", "updatedAt", "e.updated_at");

    private final Db db;
    private final AuditLog audit;
    private final Clock clock;

    public AdverseEventService(Db db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A new case in the reporter's tenant, version 1, status submitted.
     *
     * @throws ValidationFailed (422) listing every field at fault, unknown medicines included
     */
    public AdverseEventView submit(Actor actor, AdverseEventRequest report) {
        Caller caller = actor.caller();
        List<FieldError> errors = AdverseEventValidator.validate(report, today());
        return db.inTenant(caller.tenantId(), handle -> {
            AdverseEventDao dao = dao(handle);
            Map<UUID, MedicineRef> medicines = resolveMedicines(dao, report, errors);
            dao.lockPatient(patientKey(report.patient()));
            Instant now = now();
            UUID id = UUID.randomUUID();
            boolean serious = report.serious();
            Instant dueAt = serious ? now.plus(SERIOUS_CLOCK) : null;
            AdverseEventRequest.Patient patient = patient(report);
            String narrative = AdverseEventRequest.trim(report.narrative());
            String caseNumber = dao.insertCase(id, caller.tenantId(), caller.userId(), caller.name(), caller.role(),
                    serious, now, dueAt, patient, report.criteria().toArray(String[]::new), narrative, RECEIVED);
            List<NewDrug> drugs = drugs(report);
            List<NewReaction> reactions = reactions(report);
            insertRows(dao, id, 1, caller.tenantId(), drugs, reactions, medicines);
            List<AdverseEventView.CaseReference> duplicates = dao.flagDuplicates(id, 1, caller.tenantId(), now);
            // everything the answer holds was just written: built here instead of read back
            var reporter = new AdverseEventView.Reporter(caller.userId(), caller.name(), caller.role());
            var view = new AdverseEventView(id, caseNumber, 1, AdverseEventStatus.SUBMITTED, caller.tenantId(),
                    caller.tenantName(), reporter, now, now, dueAt, false, patient,
                    entries(drugs, "suspect", medicines), entries(drugs, "concomitant", medicines),
                    reactions.stream().map(r -> new AdverseEventRequest.Reaction(r.term(), r.meddraCode(), r.onsetDate(),
                            r.outcome())).toList(),
                    new AdverseEventRequest.Seriousness(serious, List.copyOf(report.criteria())), narrative,
                    duplicates.stream().filter(d -> d.caseNumber() != null).toList(),
                    List.of(new AdverseEventView.Transition(null, AdverseEventStatus.SUBMITTED, RECEIVED,
                            caller.userId(), caller.name(), now)),
                    List.of(new AdverseEventView.VersionEntry(1, now, caller.userId(), caller.name())), now, now);
            var fields = new LinkedHashMap<String, Object>();
            fields.put("caseNumber", caseNumber);
            fields.put("status", AdverseEventStatus.SUBMITTED);
            fields.put("version", 1);
            fields.put("serious", serious);
            fields.put("suspectMedicineIds", ids(report.suspects()).stream().map(UUID::toString).toList());
            var event = AuditEvent.of("adverse_event.submitted", "adverse_event", id, caller.tenantId())
                    .withChanges(withDuplicates(Changes.created(fields), duplicates));
            audit.record(handle, actor, event);
            return view;
        });
    }

    /**
     * New information on a case: the whole case again, stored as its next version. By the case's tenant or the
     * regulator. A follow-up to an assessed case sends it back to under_assessment; a closed case takes none.
     * A case that becomes serious starts its 15-day clock at this receipt.
     */
    public AdverseEventView followUp(Actor actor, UUID id, AdverseEventRequest report) {
        Caller caller = actor.caller();
        List<FieldError> errors = AdverseEventValidator.validate(report, today());
        return db.scoped(caller.tenantId(), caller.can(ASSESS), handle -> {
            AdverseEventDao dao = dao(handle);
            EventRow current = dao.findForUpdate(id).orElseThrow(() -> new AdverseEventNotFound(id.toString()));
            Map<UUID, MedicineRef> medicines = resolveMedicines(dao, report, errors);
            if (AdverseEventStatus.CLOSED.equals(current.status())) {
                throw new ReportClosed(current.caseNumber());
            }
            dao.lockPatient(patientKey(report.patient()));
            Instant now = now();
            int version = current.currentVersion() + 1;
            boolean serious = report.serious();
            Instant dueAt = current.dueAt() != null ? current.dueAt() : serious ? now.plus(SERIOUS_CLOCK) : null;
            String status = AdverseEventStatus.ASSESSED.equals(current.status())
                    ? AdverseEventStatus.UNDER_ASSESSMENT : current.status();
            dao.insertVersion(id, version, current.tenantId(), now, caller.userId(), caller.name(), patient(report),
                    serious, report.criteria().toArray(String[]::new), AdverseEventRequest.trim(report.narrative()));
            insertRows(dao, id, version, current.tenantId(), drugs(report), reactions(report), medicines);
            dao.applyFollowUp(id, version, serious, dueAt, status, now);
            if (!status.equals(current.status())) {
                dao.insertTransition(id, current.tenantId(), current.status(), status,
                        "Follow-up information received (version " + version + ")", caller.userId(), caller.name(), now);
            }
            List<AdverseEventView.CaseReference> duplicates = dao.flagDuplicates(id, version, current.tenantId(), now);
            AdverseEventView view = load(dao, id).orElseThrow();
            var before = new HashMap<String, Object>();
            before.put("version", current.currentVersion());
            before.put("serious", current.serious());
            before.put("status", current.status());
            before.put("dueAt", Objects.toString(current.dueAt(), null));
            var after = new HashMap<String, Object>();
            after.put("version", version);
            after.put("serious", serious);
            after.put("status", status);
            after.put("dueAt", Objects.toString(dueAt, null));
            audit.record(handle, actor, AuditEvent.of("adverse_event.followed_up", "adverse_event", id, current.tenantId())
                    .withChanges(withDuplicates(Changes.between(before, after), duplicates)));
            return view;
        });
    }

    /**
     * The regulator moves a case one step on, with a comment.
     *
     * @throws IllegalStatusTransition (409) for anything but the next status
     * @throws AssessmentIncomplete    (409) when assessing a case with a suspect medicine not yet assessed
     */
    public AdverseEventView transition(Actor actor, UUID id, TransitionRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String to = request.to() == null ? null : request.to().strip();
        if (to == null || !AdverseEventStatus.ALL.contains(to)) {
            errors.add(new FieldError("to", "must be one of " + AdverseEventStatus.ALL));
        }
        String comment = comment(errors, request.comment(), true);
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        Caller caller = actor.caller();
        return db.acrossTenants(handle -> {
            AdverseEventDao dao = dao(handle);
            EventRow current = dao.findForUpdate(id).orElseThrow(() -> new AdverseEventNotFound(id.toString()));
            if (!AdverseEventStatus.canMove(current.status(), to)) {
                throw new IllegalStatusTransition(current.status(), to);
            }
            if (AdverseEventStatus.ASSESSED.equals(to)) {
                Set<UUID> assessed = dao.causality(id).stream().map(CausalityRow::medicineId).collect(Collectors.toSet());
                List<String> missing = dao.drugs(id, current.currentVersion()).stream()
                        .filter(d -> d.role().equals("suspect") && !assessed.contains(d.medicineId()))
                        .map(DrugRow::tradeNameEn).toList();
                if (!missing.isEmpty()) {
                    throw new AssessmentIncomplete(missing);
                }
            }
            Instant now = now();
            dao.updateStatus(id, to, now);
            dao.insertTransition(id, current.tenantId(), current.status(), to, comment, caller.userId(), caller.name(), now);
            AdverseEventView view = load(dao, id).orElseThrow();
            var changes = new LinkedHashMap<String, Object>(Changes.between(Map.of("status", current.status()),
                    Map.of("status", to)));
            changes.put("comment", comment);
            audit.record(handle, actor, AuditEvent.of("adverse_event.transitioned", "adverse_event", id,
                    current.tenantId()).withChanges(changes));
            return view;
        });
    }

    /**
     * The regulator's causality assessment of one suspect medicine of the current version, while under assessment.
     *
     * @throws CausalityNotOpen (409) in any other status
     * @throws ValidationFailed (422) for an unknown category, a score outside -4..13, or a medicine that is not a
     *                          suspect of the case
     */
    public AdverseEventView assessCausality(Actor actor, UUID id, CausalityRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.medicineId() == null) {
            errors.add(new FieldError("medicineId", "is required"));
        }
        if (request.whoUmc() == null || !AdverseEventVocabulary.WHO_UMC.contains(request.whoUmc())) {
            errors.add(new FieldError("whoUmc", "must be one of " + AdverseEventVocabulary.WHO_UMC));
        }
        Integer score = request.naranjoScore();
        if (score != null && (score < AdverseEventVocabulary.NARANJO_MIN || score > AdverseEventVocabulary.NARANJO_MAX)) {
            errors.add(new FieldError("naranjoScore", "must be between " + AdverseEventVocabulary.NARANJO_MIN
                    + " and " + AdverseEventVocabulary.NARANJO_MAX));
        }
        String comment = comment(errors, request.comment(), false);
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        Caller caller = actor.caller();
        return db.acrossTenants(handle -> {
            AdverseEventDao dao = dao(handle);
            EventRow current = dao.findForUpdate(id).orElseThrow(() -> new AdverseEventNotFound(id.toString()));
            if (!AdverseEventStatus.UNDER_ASSESSMENT.equals(current.status())) {
                throw new CausalityNotOpen(current.status());
            }
            boolean suspect = dao.drugs(id, current.currentVersion()).stream()
                    .anyMatch(d -> d.role().equals("suspect") && d.medicineId().equals(request.medicineId()));
            if (!suspect) {
                throw new ValidationFailed("medicineId", "is not a suspect medicine of this report");
            }
            CausalityRow previous = dao.causality(id).stream()
                    .filter(c -> c.medicineId().equals(request.medicineId())).findFirst().orElse(null);
            dao.upsertCausality(id, request.medicineId(), current.tenantId(), request.whoUmc(), score, comment,
                    caller.userId(), caller.name(), now());
            AdverseEventView view = load(dao, id).orElseThrow();
            var before = new HashMap<String, Object>();
            if (previous != null) {
                before.put("whoUmc", previous.whoUmc());
                before.put("naranjoScore", previous.naranjoScore());
                before.put("comment", previous.comment());
            }
            var after = new HashMap<String, Object>();
            after.put("whoUmc", request.whoUmc());
            after.put("naranjoScore", score);
            after.put("comment", comment);
            var changes = new LinkedHashMap<String, Object>(Changes.between(before, after));
            changes.put("medicineId", request.medicineId().toString());
            audit.record(handle, actor, AuditEvent.of("adverse_event.causality_assessed", "adverse_event", id,
                    current.tenantId()).withChanges(changes));
            return view;
        });
    }

    /** One case (current version); the read is audited. */
    public AdverseEventView get(Actor actor, UUID id) {
        return read(actor, id, "adverse_event.read", Map.of(), view -> view);
    }

    /** One case as an ICH E2B(R3) message; the export is audited. */
    public String e2b(Actor actor, UUID id) {
        return read(actor, id, "adverse_event.exported", Map.of("format", "E2B(R3)"),
                view -> E2bWriter.write(view, clock.instant()));
    }

    /** One version of a case as received; the read is audited. */
    public AdverseEventVersionView version(Actor actor, UUID id, int number) {
        Caller caller = actor.caller();
        return db.scoped(caller.tenantId(), caller.can(READ_ALL), handle -> {
            AdverseEventDao dao = dao(handle);
            EventRow event = dao.find(id).orElseThrow(() -> new AdverseEventNotFound(id.toString()));
            VersionRow version = dao.version(id, number)
                    .orElseThrow(() -> new AdverseEventNotFound(event.caseNumber() + " version " + number));
            Content content = content(version, dao.drugs(id, number), dao.reactions(id, number), Map.of());
            audit.record(handle, actor, AuditEvent.of("adverse_event.read", "adverse_event", id, event.tenantId())
                    .withChanges(Map.of("version", number)));
            return new AdverseEventVersionView(id, event.caseNumber(), number, number == event.currentVersion(),
                    version.receivedAt(), version.submittedBy(), version.submittedByName(), content.patient(),
                    content.suspects(), content.concomitants(), content.reactions(), content.seriousness(),
                    version.narrative());
        });
    }

    /** A page of cases in the caller's scope; summaries carry no patient data, so lists are not audited. */
    public Page<AdverseEventSummary> list(Caller caller, AdverseEventFilter filter, PageRequest page) {
        String orderBy = page.orderBy(SORTABLE, "e.received_at DESC, e.id");
        Instant now = clock.instant();
        return db.scoped(caller.tenantId(), caller.can(READ_ALL), handle -> {
            AdverseEventDao dao = dao(handle);
            return new Page<>(dao.list(filter, now, orderBy, page.size(), page.offset()), page, dao.count(filter, now));
        });
    }

    private <T> T read(Actor actor, UUID id, String action, Map<String, Object> extra, Function<AdverseEventView, T> as) {
        Caller caller = actor.caller();
        return db.scoped(caller.tenantId(), caller.can(READ_ALL), handle -> {
            AdverseEventView view = load(dao(handle), id)
                    .orElseThrow(() -> new AdverseEventNotFound(id.toString()));
            T result = as.apply(view);
            var changes = new LinkedHashMap<String, Object>(extra);
            changes.put("version", view.version());
            audit.record(handle, actor, AuditEvent.of(action, "adverse_event", id, view.tenantId()).withChanges(changes));
            return result;
        });
    }

    private static AdverseEventDao dao(Handle handle) {
        return Db.dao(handle, AdverseEventDao.class);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZONE));
    }

    /**
     * Looks up every medicine the report names; unknown ones join the static errors, and any error at all ends the
     * request with 422 before anything is written.
     */
    private static Map<UUID, MedicineRef> resolveMedicines(AdverseEventDao dao, AdverseEventRequest report,
                                                           List<FieldError> errors) {
        Set<UUID> wanted = new LinkedHashSet<>();
        wanted.addAll(ids(report.suspects()));
        wanted.addAll(ids(report.concomitants()));
        Map<UUID, MedicineRef> found = wanted.isEmpty() ? Map.of() : dao.medicines(wanted.toArray(UUID[]::new))
                .stream().collect(Collectors.toMap(MedicineRef::id, m -> m));
        List<FieldError> all = new ArrayList<>(errors);
        unknown(all, "suspectMedicines", report.suspects(), found);
        unknown(all, "concomitantMedicines", report.concomitants(), found);
        if (!all.isEmpty()) {
            throw new ValidationFailed(all);
        }
        return found;
    }

    private static void unknown(List<FieldError> errors, String field, List<AdverseEventRequest.Medicine> list,
                                Map<UUID, MedicineRef> found) {
        for (int i = 0; i < list.size(); i++) {
            AdverseEventRequest.Medicine m = list.get(i);
            if (m != null && m.medicineId() != null && !found.containsKey(m.medicineId())) {
                errors.add(new FieldError(field + "[" + i + "].medicineId", "no such medicine in the registry"));
            }
        }
    }

    private static List<UUID> ids(List<AdverseEventRequest.Medicine> list) {
        return list.stream().filter(Objects::nonNull).map(AdverseEventRequest.Medicine::medicineId)
                .filter(Objects::nonNull).distinct().toList();
    }

    /** Same key for every description duplicate detection would compare as the same patient. */
    private static String patientKey(AdverseEventRequest.Patient p) {
        return "adverse-event-patient:" + (p.initials() == null ? "" : p.initials().strip().toUpperCase(Locale.ROOT))
                + "|" + (p.ageYears() == null ? -1 : p.ageYears()) + "|" + (p.sex() == null ? "" : p.sex());
    }

    private static AdverseEventRequest.Patient patient(AdverseEventRequest report) {
        AdverseEventRequest.Patient p = report.patient();
        // weight is kept with one decimal (numeric(5,1)); validated to have at most one
        return new AdverseEventRequest.Patient(AdverseEventRequest.trim(p.initials()), p.ageYears(), p.ageGroup(),
                p.birthDate(), p.sex(), p.weightKg() == null ? null : p.weightKg().setScale(1));
    }

    private static List<NewDrug> drugs(AdverseEventRequest report) {
        List<NewDrug> drugs = new ArrayList<>();
        addDrugs(drugs, "suspect", report.suspects());
        addDrugs(drugs, "concomitant", report.concomitants());
        return drugs;
    }

    private static void addDrugs(List<NewDrug> drugs, String role, List<AdverseEventRequest.Medicine> list) {
        for (int i = 0; i < list.size(); i++) {
            AdverseEventRequest.Medicine m = list.get(i);
            drugs.add(new NewDrug(UUID.randomUUID(), role, i, m.medicineId(), null,
                    AdverseEventRequest.trim(m.batchNumber()), AdverseEventRequest.trim(m.dose()), m.route(),
                    m.startDate(), m.stopDate(), m.actionTaken()));
        }
    }

    private static List<NewReaction> reactions(AdverseEventRequest report) {
        List<NewReaction> reactions = new ArrayList<>();
        List<AdverseEventRequest.Reaction> given = report.reactionList();
        for (int i = 0; i < given.size(); i++) {
            AdverseEventRequest.Reaction r = given.get(i);
            reactions.add(new NewReaction(UUID.randomUUID(), i, r.term().strip(), r.meddraCode(), r.onsetDate(), r.outcome()));
        }
        return reactions;
    }

    /** The version's medicines, each with its active ingredients as the registry links them now, and reactions. */
    private static void insertRows(AdverseEventDao dao, UUID id, int version, UUID tenantId, List<NewDrug> drugs,
                                   List<NewReaction> reactions, Map<UUID, MedicineRef> medicines) {
        dao.insertDrugs(id, version, tenantId, drugs.stream().map(d -> new NewDrug(d.id(), d.role(), d.position(),
                d.medicineId(), medicines.get(d.medicineId()).ingredientIds().toArray(UUID[]::new), d.batchNumber(),
                d.dose(), d.route(), d.startDate(), d.stopDate(), d.actionTaken())).toList());
        dao.insertReactions(id, version, tenantId, reactions);
    }

    private static List<AdverseEventView.MedicineEntry> entries(List<NewDrug> drugs, String role,
                                                                Map<UUID, MedicineRef> medicines) {
        return drugs.stream().filter(d -> d.role().equals(role)).map(d -> {
            MedicineRef m = medicines.get(d.medicineId());
            return entry(new DrugRow(d.id(), role, d.position(), d.medicineId(), m.tradeNameEn(), m.strength(),
                    m.registrationNo(), m.manufacturer(), m.ingredientIds(), m.ingredientNames(), d.batchNumber(),
                    d.dose(), d.route(), d.startDate(), d.stopDate(), d.actionTaken()), null);
        }).toList();
    }

    /** PostgreSQL keeps microseconds: answers built in memory show what a later read shows. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String comment(List<FieldError> errors, String value, boolean required) {
        String comment = AdverseEventRequest.trim(value);
        if (comment == null && required) {
            errors.add(new FieldError("comment", "is required"));
        } else if (comment != null && comment.length() > 2000) {
            errors.add(new FieldError("comment", "must be at most 2000 characters"));
        }
        return comment;
    }

    private static Map<String, Object> withDuplicates(Map<String, Object> changes,
                                                      List<AdverseEventView.CaseReference> duplicates) {
        if (duplicates.isEmpty()) {
            return changes;
        }
        var all = new LinkedHashMap<>(changes);
        all.put("possibleDuplicateOf", duplicates.stream().map(d -> d.id().toString()).toList());
        return all;
    }

    private java.util.Optional<AdverseEventView> load(AdverseEventDao dao, UUID id) {
        return dao.find(id).map(event -> {
            int number = event.currentVersion();
            VersionRow version = dao.version(id, number).orElseThrow();
            Map<UUID, CausalityRow> causality = dao.causality(id).stream()
                    .collect(Collectors.toMap(CausalityRow::medicineId, c -> c));
            Content content = content(version, dao.drugs(id, number), dao.reactions(id, number), causality);
            Instant now = clock.instant();
            boolean overdue = event.serious() && event.dueAt() != null && event.dueAt().isBefore(now)
                    && !AdverseEventStatus.stopsTheClock(event.status());
            List<AdverseEventView.Transition> history = dao.transitions(id).stream()
                    .map(t -> new AdverseEventView.Transition(t.fromStatus(), t.toStatus(), t.comment(), t.actorId(),
                            t.actorName(), t.occurredAt())).toList();
            return new AdverseEventView(id, event.caseNumber(), number, event.status(), event.tenantId(),
                    event.tenantName(), new AdverseEventView.Reporter(event.reporterId(), event.reporterName(),
                    event.reporterRole()), event.receivedAt(), event.latestInfoAt(), event.dueAt(), overdue,
                    content.patient(), content.suspects(), content.concomitants(), content.reactions(),
                    content.seriousness(), version.narrative(), dao.duplicates(id), history, dao.versions(id),
                    event.createdAt(), event.updatedAt());
        });
    }

    private record Content(AdverseEventRequest.Patient patient, List<AdverseEventView.MedicineEntry> suspects,
                           List<AdverseEventView.MedicineEntry> concomitants,
                           List<AdverseEventRequest.Reaction> reactions, AdverseEventRequest.Seriousness seriousness) {
    }

    private static Content content(VersionRow v, List<DrugRow> drugs, List<ReactionRow> reactions,
                                   Map<UUID, CausalityRow> causality) {
        var patient = new AdverseEventRequest.Patient(v.patientInitials(), v.patientAgeYears(), v.patientAgeGroup(),
                v.patientBirthDate(), v.patientSex(), v.patientWeightKg());
        List<AdverseEventView.MedicineEntry> suspects = new ArrayList<>();
        List<AdverseEventView.MedicineEntry> concomitants = new ArrayList<>();
        for (DrugRow d : drugs) {
            boolean suspect = d.role().equals("suspect");
            (suspect ? suspects : concomitants).add(entry(d, suspect ? causality.get(d.medicineId()) : null));
        }
        return new Content(patient, suspects, concomitants, reactions.stream()
                .map(r -> new AdverseEventRequest.Reaction(r.term(), r.meddraCode(), r.onsetDate(), r.outcome()))
                .toList(), new AdverseEventRequest.Seriousness(v.serious(), v.seriousnessCriteria()));
    }

    private static AdverseEventView.MedicineEntry entry(DrugRow d, CausalityRow c) {
        List<AdverseEventView.Ingredient> ingredients = new ArrayList<>();
        for (int i = 0; i < d.ingredientIds().size(); i++) {
            ingredients.add(new AdverseEventView.Ingredient(d.ingredientIds().get(i),
                    i < d.ingredientNames().size() ? d.ingredientNames().get(i) : null));
        }
        AdverseEventView.Causality causality = c == null ? null : new AdverseEventView.Causality(c.whoUmc(),
                c.naranjoScore(), c.naranjoScore() == null ? null : AdverseEventVocabulary.naranjoCategory(c.naranjoScore()),
                c.comment(), c.assessedBy(), c.assessedByName(), c.assessedAt());
        return new AdverseEventView.MedicineEntry(d.medicineId(), d.tradeNameEn(), d.strength(), d.registrationNo(),
                d.manufacturer(), ingredients, d.batchNumber(), d.dose(), d.route(), d.startDate(), d.stopDate(), d.actionTaken(), causality);
    }
}
