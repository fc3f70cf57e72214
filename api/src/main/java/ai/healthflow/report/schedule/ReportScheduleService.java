package ai.healthflow.report.schedule;

import ai.healthflow.audit.AuditEvent;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.batch.report.ReportDefinition;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.db.Db;
import ai.healthflow.platform.db.Timestamps;
import ai.healthflow.platform.error.FieldError;
import ai.healthflow.platform.response.Page;
import ai.healthflow.platform.response.PageRequest;
import ai.healthflow.report.InvalidReportRequest;
import ai.healthflow.report.ReportLauncher;
import ai.healthflow.report.ReportNotAllowed;
import ai.healthflow.report.ReportRequestBody;
import ai.healthflow.report.ReportService;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static ai.healthflow.platform.db.Timestamps.instant;
import static ai.healthflow.platform.db.Timestamps.utc;

/**
 * Report schedules: created by someone who may request the report, for recipients of their own organisation who
 * may read it; fired by {@link #fireDue()} and delivered by {@link ScheduledReportDelivery}. A firing requests the
 * report with the owner's permissions as they are at that moment, so a demoted or removed owner's schedule stops
 * (it is deactivated, with the reason) instead of reading with rights they no longer hold.
 */
public final class ReportScheduleService {
    static final int MAX_PER_OWNER = 50;
    static final int MAX_RECIPIENTS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Db db;
    private final ReportService reports;
    private final ReportLauncher launcher;
    private final AuditLog audit;
    private final Clock clock;
    private final ZoneId defaultZone;

    public ReportScheduleService(Db db, ReportService reports, ReportLauncher launcher, AuditLog audit, Clock clock,
                                 ZoneId defaultZone) {
        this.db = db;
        this.reports = reports;
        this.launcher = launcher;
        this.audit = audit;
        this.clock = clock;
        this.defaultZone = defaultZone;
    }

    public ReportScheduleView create(Actor actor, ReportScheduleBody body) {
        Caller caller = actor.caller();
        if (body == null) {
            throw new InvalidReportRequest(List.of(new FieldError("type", "the body must name the report and when "
                    + "to make it: {\"type\", \"format\", \"language\", \"params\", \"cron\", \"zone\", \"recipients\"}")));
        }
        List<FieldError> errors = new ArrayList<>();
        ReportService.CheckedRequest checked = null;
        try {
            checked = reports.check(new ReportRequestBody(body.type(), body.format(), body.language(), body.params()),
                    reports.today());
        } catch (InvalidReportRequest e) {
            errors.addAll(e.errors());
        }
        Instant now = clock.instant();
        ZoneId zone = defaultZone;
        if (body.zone() != null) {
            try {
                zone = ZoneId.of(body.zone());
            } catch (DateTimeException e) {
                errors.add(new FieldError("zone", "is not a time zone (e.g. Africa/Cairo, UTC)"));
            }
        }
        if (body.cron() == null || body.cron().isBlank()) {
            errors.add(new FieldError("cron", "is required, e.g. \"0 0 7 * * MON\" (Mondays at 07:00) or @monthly"));
        } else {
            CronRule.problem(body.cron().strip(), zone, now).ifPresent(problem -> errors.add(new FieldError("cron", problem)));
        }
        String name = body.name() == null ? null : body.name().strip();
        if (name != null && (name.isEmpty() || name.length() > 200)) {
            errors.add(new FieldError("name", "must have 1 to 200 characters"));
        }
        List<String> recipients = recipients(body.recipients(), caller, errors);
        if (!errors.isEmpty()) {
            throw new InvalidReportRequest(errors);
        }
        ReportDefinition definition = checked.definition();
        String scope = ReportService.dataScope(caller.permissions(), definition)
                .orElseThrow(() -> new ReportNotAllowed(definition.id(), definition.permission()));
        CronRule rule = CronRule.of(body.cron().strip(), zone.getId());
        Instant next = rule.nextAfter(now).orElseThrow();
        String label = name != null ? name : definition.title().in(checked.language());
        UUID id = UUID.randomUUID();
        String cron = body.cron().strip();
        String zoneId = zone.getId();
        ReportService.CheckedRequest request = checked;
        return db.inTenant(caller.tenantId(), handle -> {
            checkRecipients(handle, caller.tenantId(), definition, scope, recipients);
            long owned = handle.createQuery("SELECT count(*) FROM report_schedules WHERE owner_id = :owner")
                    .bind("owner", caller.userId()).mapTo(Long.class).one();
            if (owned >= MAX_PER_OWNER) {
                throw new InvalidReportRequest(List.of(new FieldError("type", "you have " + owned
                        + " report schedules, the most one person may keep; delete one first")));
            }
            handle.createUpdate("""
                            INSERT INTO report_schedules (id, owner_id, tenant_id, name, type, format, language, params,
                                                          cron, zone, recipients, next_run_at, created_at, updated_at)
                            VALUES (:id, :owner, :tenant, :name, :type, :format, :language, CAST(:params AS jsonb),
                                    :cron, :zone, :recipients, :next, :now, :now)
                            """)
                    .bind("id", id).bind("owner", caller.userId()).bind("tenant", caller.tenantId()).bind("name", label)
                    .bind("type", definition.id()).bind("format", request.format().code())
                    .bind("language", request.language().code()).bind("params", json(body.params()))
                    .bind("cron", cron).bind("zone", zoneId).bindArray("recipients", String.class, recipients)
                    .bind("next", utc(next)).bind("now", utc(now))
                    .execute();
            var changes = new LinkedHashMap<String, Object>();
            changes.put("type", definition.id());
            changes.put("format", request.format().code());
            changes.put("language", request.language().code());
            changes.put("cron", cron);
            changes.put("zone", zoneId);
            changes.put("recipients", recipients);
            audit.record(handle, actor, AuditEvent.of("report_schedule.created", "report_schedule", id,
                    caller.tenantId()).withChanges(changes));
            return load(handle, caller, id).orElseThrow();
        });
    }

    public Page<ReportScheduleView> list(Caller caller, PageRequest page) {
        String orderBy = page.orderBy(Map.of("createdAt", "created_at", "nextRunAt", "next_run_at", "name", "name"),
                "created_at DESC") + ", id";
        return db.inTenant(caller.tenantId(), handle -> {
            long total = handle.createQuery("SELECT count(*) FROM report_schedules WHERE owner_id = :owner")
                    .bind("owner", caller.userId()).mapTo(Long.class).one();
            List<ReportScheduleView> items = handle.createQuery("SELECT * FROM report_schedules WHERE owner_id = :owner"
                            + " ORDER BY " + orderBy + " LIMIT :limit OFFSET :offset")
                    .bind("owner", caller.userId()).bind("limit", page.size()).bind("offset", page.offset())
                    .map((rs, ctx) -> view(rs)).list();
            return new Page<>(items, page, total);
        });
    }

    public ReportScheduleView get(Caller caller, UUID id) {
        return db.inTenant(caller.tenantId(), handle -> load(handle, caller, id)).orElseThrow(ReportScheduleNotFound::new);
    }

    /** Stops the schedule; reports it already requested stay, and are still delivered. */
    public void delete(Actor actor, UUID id) {
        Caller caller = actor.caller();
        db.inTenant(caller.tenantId(), handle -> {
            ReportScheduleView schedule = load(handle, caller, id).orElseThrow(ReportScheduleNotFound::new);
            handle.createUpdate("DELETE FROM report_schedules WHERE id = :id").bind("id", id).execute();
            audit.record(handle, actor, AuditEvent.of("report_schedule.deleted", "report_schedule", id,
                    caller.tenantId()).withChanges(Map.of("type", schedule.type(), "cron", schedule.cron(),
                    "recipients", schedule.recipients())));
            return null;
        });
    }

    /**
     * Requests the report of every schedule that is due, each in its own transaction, claimed with SKIP LOCKED:
     * replicas running this at once share the due schedules and none fires twice. A schedule missed while no
     * replica ran (an outage) fires once, then follows its cron from now.
     *
     * @return how many reports were requested
     */
    public int fireDue() {
        int requested = 0;
        for (int i = 0; i < 100; i++) {
            Optional<Optional<UUID>> fired = db.acrossTenants(this::fireNext);
            if (fired.isEmpty()) {
                break;
            }
            if (fired.get().isPresent()) {
                launcher.launch(fired.get().get());
                requested++;
            }
        }
        return requested;
    }

    /** Empty when nothing is due; otherwise the request made, or empty when the schedule could not make one. */
    private Optional<Optional<UUID>> fireNext(Handle handle) {
        Instant now = clock.instant();
        Optional<Due> claimed = handle.createQuery("""
                        SELECT s.id, s.owner_id, s.tenant_id, s.type, s.format, s.language, s.params::text, s.cron,
                               s.zone, s.recipients
                          FROM report_schedules s
                         WHERE s.active AND s.next_run_at <= :now
                         ORDER BY s.next_run_at
                         LIMIT 1
                           FOR UPDATE SKIP LOCKED
                        """)
                .bind("now", utc(now))
                .map((rs, ctx) -> new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5), rs.getString(6),
                        params(rs.getString(7)), rs.getString(8), rs.getString(9),
                        Arrays.asList((String[]) rs.getArray(10).getArray())))
                .findOne();
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        Due due = claimed.get();
        Optional<Instant> next = CronRule.of(due.cron(), due.zone()).nextAfter(now);
        Actor actor = Actor.system("report-schedules");
        Optional<Owner> owner = owner(handle, due.ownerId(), due.tenantId());
        String problem = null;
        UUID requestId = null;
        if (owner.isEmpty()) {
            problem = "The schedule's owner is no longer an active member of the organisation.";
        } else {
            try {
                ReportService.CheckedRequest checked = reports.check(new ReportRequestBody(due.type(), due.format(),
                        due.language(), due.params()), reports.today());
                Optional<String> scope = ReportService.dataScope(owner.get().permissions(), checked.definition());
                if (scope.isEmpty()) {
                    problem = "The schedule's owner may no longer request the report " + due.type() + ".";
                } else {
                    requestId = reports.insert(handle, actor, new ReportService.Requester(due.ownerId(),
                            owner.get().email(), due.tenantId()), checked, scope.get(), due.id(), due.recipients());
                }
            } catch (InvalidReportRequest e) {
                problem = "The report can no longer be requested as scheduled: " + e.errors().stream()
                        .map(error -> error.field() + " " + error.message()).reduce((a, b) -> a + "; " + b).orElse("");
            }
        }
        boolean keepsFiring = problem == null && next.isPresent();
        handle.createUpdate("""
                        UPDATE report_schedules
                           SET next_run_at = coalesce(CAST(:next AS timestamptz), next_run_at), last_run_at = :now,
                               active = :active, last_request_id = coalesce(CAST(:request AS uuid), last_request_id),
                               last_error = :problem,
                               updated_at = :now
                         WHERE id = :id
                        """)
                .bind("id", due.id()).bind("next", next.map(Timestamps::utc).orElse(null))
                .bind("now", utc(now)).bind("active", keepsFiring).bind("request", requestId)
                .bind("problem", problem)
                .execute();
        if (problem != null) {
            audit.record(handle, actor, AuditEvent.of("report_schedule.stopped", "report_schedule", due.id(),
                    due.tenantId()).withChanges(Map.of("reason", problem)));
        }
        return Optional.of(Optional.ofNullable(requestId));
    }

    private record Due(UUID id, UUID ownerId, UUID tenantId, String type, String format, String language,
                       Map<String, Object> params, String cron, String zone, List<String> recipients) {
    }

    private record Owner(String email, List<String> permissions) {
    }

    private static Optional<Owner> owner(Handle handle, UUID userId, UUID tenantId) {
        return handle.createQuery("""
                        SELECT u.email, r.permissions
                          FROM users u
                          JOIN memberships m ON m.user_id = u.id AND m.tenant_id = :tenant
                          JOIN tenants t ON t.id = m.tenant_id AND t.status = 'active'
                          JOIN roles r ON r.name = m.role
                         WHERE u.id = :user AND u.status = 'active'
                        """)
                .bind("user", userId).bind("tenant", tenantId)
                .map((rs, ctx) -> new Owner(rs.getString(1), Arrays.asList((String[]) rs.getArray(2).getArray())))
                .findOne();
    }

    /** Normalised, de-duplicated recipients (the caller when none are given); errors name the entry at fault. */
    private static List<String> recipients(List<String> given, Caller caller, List<FieldError> errors) {
        if (given == null) {
            return List.of(ReportService.normalized(caller.email()));
        }
        if (given.isEmpty() || given.size() > MAX_RECIPIENTS) {
            errors.add(new FieldError("recipients", "must list 1 to " + MAX_RECIPIENTS + " email addresses"));
            return List.of();
        }
        var normalized = new LinkedHashSet<String>();
        for (int i = 0; i < given.size(); i++) {
            String address = given.get(i) == null ? "" : ReportService.normalized(given.get(i));
            try {
                new InternetAddress(address, true).validate();
                normalized.add(address);
            } catch (AddressException e) {
                errors.add(new FieldError("recipients[" + i + "]", "is not an email address"));
            }
        }
        return List.copyOf(normalized);
    }

    /**
     * Every recipient must be an active member of the owner's organisation who may read the report with the
     * schedule's data scope: a schedule cannot send a report to someone who could not request it.
     */
    private static void checkRecipients(Handle handle, UUID tenantId, ReportDefinition definition, String scope,
                                        List<String> recipients) {
        Map<String, List<String>> members = new LinkedHashMap<>();
        handle.createQuery("""
                        SELECT lower(u.email), r.permissions
                          FROM memberships m
                          JOIN users u ON u.id = m.user_id AND u.status = 'active'
                          JOIN roles r ON r.name = m.role
                         WHERE m.tenant_id = :tenant AND lower(u.email) = ANY(:emails)
                        """)
                .bind("tenant", tenantId).bindArray("emails", String.class, recipients)
                .map((rs, ctx) -> Map.entry(rs.getString(1), Arrays.asList((String[]) rs.getArray(2).getArray())))
                .forEach(entry -> members.put(entry.getKey(), entry.getValue()));
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < recipients.size(); i++) {
            List<String> permissions = members.get(recipients.get(i));
            String field = "recipients[" + i + "]";
            if (permissions == null) {
                errors.add(new FieldError(field, "is not an active member of your organisation"));
                continue;
            }
            Optional<String> held = ReportService.dataScope(permissions, definition);
            if (held.isEmpty()) {
                errors.add(new FieldError(field, "may not read the report " + definition.id()));
            } else if (scope.equals("all") && held.get().equals("tenant")) {
                errors.add(new FieldError(field, "may read only their organisation's rows; this schedule's report "
                        + "covers every organisation"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidReportRequest(errors);
        }
    }

    private Optional<ReportScheduleView> load(Handle handle, Caller caller, UUID id) {
        return handle.createQuery("SELECT * FROM report_schedules WHERE id = :id AND owner_id = :owner")
                .bind("id", id).bind("owner", caller.userId())
                .map((rs, ctx) -> view(rs)).findOne();
    }

    private static ReportScheduleView view(ResultSet rs) throws SQLException {
        return new ReportScheduleView(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("type"),
                rs.getString("format"), rs.getString("language"), params(rs.getString("params")), rs.getString("cron"),
                rs.getString("zone"), Arrays.asList((String[]) rs.getArray("recipients").getArray()),
                rs.getBoolean("active"), instant(rs, "next_run_at"), instant(rs, "last_run_at"),
                rs.getObject("last_request_id", UUID.class), rs.getString("last_error"), instant(rs, "created_at"));
    }

    private static String json(Map<String, Object> params) {
        try {
            return JSON.writeValueAsString(params == null ? Map.of() : params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> params(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }


}
