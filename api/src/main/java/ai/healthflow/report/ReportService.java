package ai.healthflow.report;

import ai.healthflow.audit.AuditEvent;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.batch.report.Bilingual;
import ai.healthflow.batch.report.InvalidReportParameters;
import ai.healthflow.batch.report.ParameterValues;
import ai.healthflow.batch.report.ReportCatalog;
import ai.healthflow.batch.report.ReportDefinition;
import ai.healthflow.batch.report.ReportFormat;
import ai.healthflow.batch.report.ReportLanguage;
import ai.healthflow.batch.report.ReportParameter;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.auth.Caller;
import ai.healthflow.platform.auth.Permissions;
import ai.healthflow.platform.db.Db;
import ai.healthflow.platform.error.FieldError;
import ai.healthflow.platform.error.InvalidParameter;
import ai.healthflow.platform.response.Page;
import ai.healthflow.platform.response.PageRequest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Handle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static ai.healthflow.platform.db.Timestamps.instant;
import static ai.healthflow.platform.db.Timestamps.utc;

/**
 * Report requests: checked against the definition (type, format, language, every parameter), scoped by the
 * caller's permission (the report's permission held as is: every tenant; only its tenant form: the caller's
 * tenant), stored, audited and handed to the {@code report-export} job. The requester follows it, downloads the
 * file (audited) and lists their own.
 */
public final class ReportService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> STATUSES = List.of("queued", "running", "completed", "failed", "expired");

    private final Db db;
    private final ReportCatalog catalog;
    private final ReportLauncher launcher;
    private final AuditLog audit;
    private final Clock clock;
    private final ReportSettings settings;

    public ReportService(Db db, ReportCatalog catalog, ReportLauncher launcher, AuditLog audit, Clock clock,
                         ReportSettings settings) {
        this.db = db;
        this.catalog = catalog;
        this.launcher = launcher;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
    }

    /** Whose rows the caller would get from the report ({@code all} or {@code tenant}), or empty when it may not run it. */
    static Optional<String> dataScope(Caller caller, ReportDefinition definition) {
        return dataScope(caller.permissions(), definition);
    }

    /** The same for a user who is not the caller (a schedule's owner or recipient), by the permissions they hold. */
    public static Optional<String> dataScope(Collection<String> permissions, ReportDefinition definition) {
        if (Permissions.grants(permissions, definition.permission())) {
            return Optional.of("all");
        }
        if (Permissions.grants(permissions, "tenant:" + definition.permission())) {
            return Optional.of("tenant");
        }
        return Optional.empty();
    }

    public List<ReportDefinitionView> definitions(Caller caller) {
        List<ReportDefinitionView> views = new ArrayList<>();
        for (ReportDefinition definition : catalog.all()) {
            dataScope(caller, definition).ifPresent(scope -> views.add(view(definition, scope)));
        }
        return views;
    }

    /** A report request checked against its definition: what to render, with its parameters resolved. */
    public record CheckedRequest(ReportDefinition definition, ReportFormat format, ReportLanguage language,
                                 ParameterValues values) {
    }

    /** Who a request is made for: its rows are scoped by this user's tenant and permission. */
    public record Requester(UUID userId, String email, UUID tenantId) {
        static Requester of(Caller caller) {
            return new Requester(caller.userId(), caller.email(), caller.tenantId());
        }
    }

    public ReportRequestView request(Actor actor, ReportRequestBody body) {
        Caller caller = actor.caller();
        CheckedRequest checked = check(body, today());
        ReportDefinition report = checked.definition();
        String scope = dataScope(caller, report).orElseThrow(() -> new ReportNotAllowed(report.id(), report.permission()));
        ReportRequestView view = db.inTenant(caller.tenantId(), handle -> {
            UUID id = insert(handle, actor, Requester.of(caller), checked, scope, null, List.of());
            return load(handle, caller, id).orElseThrow();
        });
        launcher.launch(view.id());
        return view;
    }

    /**
     * Checks a request's report, format, language and every parameter, resolving relative dates against
     * {@code today}.
     *
     * @throws InvalidReportRequest naming each field at fault
     */
    public CheckedRequest check(ReportRequestBody body, LocalDate today) {
        if (body == null) {
            throw new InvalidReportRequest(List.of(new FieldError("type", "the body must name the report: "
                    + "{\"type\": …, \"format\": …, \"language\": …, \"params\": {…}}")));
        }
        List<FieldError> errors = new ArrayList<>();
        ReportDefinition definition = null;
        if (body.type() == null || body.type().isBlank()) {
            errors.add(new FieldError("type", "is required; one of " + ids()));
        } else {
            definition = catalog.find(body.type()).orElse(null);
            if (definition == null) {
                errors.add(new FieldError("type", "unknown report type; one of " + ids()));
            }
        }
        ReportFormat format = null;
        if (body.format() == null || body.format().isBlank()) {
            errors.add(new FieldError("format", "is required: xlsx, pdf or csv"));
        } else {
            format = ReportFormat.parse(body.format()).orElse(null);
            if (format == null) {
                errors.add(new FieldError("format", "must be xlsx, pdf or csv"));
            } else if (definition != null && !definition.formats().contains(format)) {
                errors.add(new FieldError("format", "the report " + definition.id() + " is offered as "
                        + String.join(", ", definition.formats().stream().map(ReportFormat::code).sorted().toList())));
            }
        }
        ReportLanguage language = ReportLanguage.EN;
        if (body.language() != null) {
            language = ReportLanguage.parse(body.language()).orElse(null);
            if (language == null) {
                errors.add(new FieldError("language", "must be en or ar"));
            }
        }
        ParameterValues values = null;
        if (definition != null) {
            try {
                values = ParameterValues.resolve(definition, body.params(), today);
            } catch (InvalidReportParameters e) {
                e.problems().forEach(p -> errors.add(new FieldError(p.field(), p.message())));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidReportRequest(errors);
        }
        return new CheckedRequest(definition, format, language, values);
    }

    /** Today in the reports' zone: relative dates count from it. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(settings.zoneId()));
    }

    /**
     * Writes a queued request and its audit record on {@code handle} (the caller's transaction); launch it once
     * that commits. A schedule's request names its schedule and recipients, who may read it too, and waits for
     * its delivery email.
     */
    public UUID insert(Handle handle, Actor actor, Requester requester, CheckedRequest request, String scope,
                       UUID scheduleId, List<String> recipients) {
        UUID id = UUID.randomUUID();
        Map<String, String> params = request.values().canonical();
        handle.createUpdate("""
                        INSERT INTO report_requests (id, requester_id, requester_email, tenant_id, data_scope, type,
                                                     format, language, params, created_at, updated_at, schedule_id,
                                                     recipients, delivery_pending)
                        VALUES (:id, :requester, :email, :tenant, :scope, :type, :format, :language,
                                CAST(:params AS jsonb), :now, :now, CAST(:schedule AS uuid), :recipients, :pending)
                        """)
                .bind("id", id).bind("requester", requester.userId()).bind("email", requester.email())
                .bind("tenant", requester.tenantId()).bind("scope", scope).bind("type", request.definition().id())
                .bind("format", request.format().code()).bind("language", request.language().code())
                .bind("params", json(params)).bind("now", utc(clock.instant())).bind("schedule", scheduleId)
                .bindArray("recipients", String.class, recipients).bind("pending", scheduleId != null)
                .execute();
        var changes = new LinkedHashMap<String, Object>();
        changes.put("type", request.definition().id());
        changes.put("format", request.format().code());
        changes.put("language", request.language().code());
        changes.put("params", params);
        changes.put("dataScope", scope);
        if (scheduleId != null) {
            changes.put("scheduleId", scheduleId.toString());
            changes.put("requesterId", requester.userId().toString());
            changes.put("recipients", recipients);
        }
        audit.record(handle, actor, AuditEvent.of("report.requested", "report", id, requester.tenantId())
                .withChanges(changes));
        return id;
    }

    public ReportRequestView get(Caller caller, UUID id) {
        return db.inTenant(caller.tenantId(), handle -> load(handle, caller, id)).orElseThrow(ReportNotFound::new);
    }

    public Page<ReportRequestView> list(Caller caller, String status, PageRequest page) {
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidParameter("status", "must be one of " + String.join(", ", STATUSES));
        }
        String orderBy = page.orderBy(Map.of("createdAt", "created_at", "type", "type", "status", "status"),
                "created_at DESC") + ", id";
        return db.inTenant(caller.tenantId(), handle -> {
            long total = handle.createQuery("""
                            SELECT count(*) FROM report_requests
                             WHERE (requester_id = :requester OR :email = ANY(recipients))
                               AND (CAST(:status AS text) IS NULL OR status = :status)
                            """)
                    .bind("requester", caller.userId()).bind("email", normalized(caller.email())).bind("status", status)
                    .mapTo(Long.class).one();
            List<ReportRequestView> items = handle.createQuery("""
                            SELECT * FROM report_requests
                             WHERE (requester_id = :requester OR :email = ANY(recipients))
                               AND (CAST(:status AS text) IS NULL OR status = :status)
                             ORDER BY\s""" + orderBy + " LIMIT :limit OFFSET :offset")
                    .bind("requester", caller.userId()).bind("email", normalized(caller.email())).bind("status", status)
                    .bind("limit", page.size()).bind("offset", page.offset())
                    .map((rs, ctx) -> view(rs)).list();
            return new Page<>(items, page, total);
        });
    }

    /** A finished file to send, with how to name it. */
    public record ReportFile(Path path, String contentType, String fileName, String asciiFileName, long size) {
    }

    /** The finished file, for its requester or one of its schedule's recipients; the download is audited. */
    public ReportFile download(Actor actor, UUID id) {
        Caller caller = actor.caller();
        return db.inTenant(caller.tenantId(), handle -> {
            ReportRequestView view = load(handle, caller, id).orElseThrow(ReportNotFound::new);
            if (view.status().equals("expired")) {
                throw new ReportExpired();
            }
            if (!view.status().equals("completed")) {
                throw new ReportNotReady(view.status());
            }
            String file = handle.createQuery("SELECT file_path FROM report_requests WHERE id = :id")
                    .bind("id", id).mapTo(String.class).one();
            Path path = Path.of(file);
            if (!Files.isRegularFile(path)) {
                throw new ReportExpired(); // removed by hand or by another replica's sweeper
            }
            ReportFormat format = ReportFormat.parse(view.format()).orElseThrow();
            audit.record(handle, actor, AuditEvent.of("report.downloaded", "report", id, caller.tenantId())
                    .withChanges(Map.of("type", view.type(), "format", view.format(), "rows", view.rowCount())));
            String day = view.finishedAt().atZone(settings.zoneId()).toLocalDate().toString();
            String ascii = view.type() + "-" + day + "." + format.code();
            String named = view.title() + " " + day + "." + format.code();
            return new ReportFile(path, format.contentType(), named, ascii, view.sizeBytes());
        });
    }

    /**
     * The request if the caller made it, or if a schedule delivers it to them and they may still read that
     * report with at least its data scope (a recipient who lost the permission is answered as if it did not exist).
     */
    private Optional<ReportRequestView> load(Handle handle, Caller caller, UUID id) {
        record Row(ReportRequestView view, boolean own, String scope) {
        }
        return handle.createQuery("""
                        SELECT * FROM report_requests
                         WHERE id = :id AND (requester_id = :requester OR :email = ANY(recipients))
                        """)
                .bind("id", id).bind("requester", caller.userId()).bind("email", normalized(caller.email()))
                .map((rs, ctx) -> new Row(view(rs), rs.getObject("requester_id", UUID.class).equals(caller.userId()),
                        rs.getString("data_scope")))
                .findOne()
                .filter(row -> row.own() || recipientMayRead(caller, row.view().type(), row.scope()))
                .map(Row::view);
    }

    private boolean recipientMayRead(Caller caller, String type, String scope) {
        return catalog.find(type).flatMap(definition -> dataScope(caller, definition))
                .map(held -> held.equals("all") || scope.equals("tenant")).orElse(false);
    }

    /** Email addresses are compared in lower case (recipients are stored so). */
    public static String normalized(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private ReportRequestView view(ResultSet rs) throws SQLException {
        String type = rs.getString("type");
        String language = rs.getString("language");
        String status = rs.getString("status");
        UUID id = rs.getObject("id", UUID.class);
        String title = catalog.find(type).map(d -> d.title().in(ReportLanguage.parse(language).orElse(ReportLanguage.EN)))
                .orElse(type);
        return new ReportRequestView(id, type, title, rs.getString("format"), language,
                params(rs.getString("params")), rs.getString("data_scope"), status, rs.getInt("progress"),
                longOrNull(rs, "row_count"), longOrNull(rs, "size_bytes"), rs.getString("error"),
                instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "finished_at"),
                instant(rs, "expires_at"), status.equals("completed") ? "/api/v2/reports/" + id + "/download" : null);
    }

    private ReportDefinitionView view(ReportDefinition definition, String scope) {
        List<ReportDefinitionView.Parameter> parameters = new ArrayList<>();
        for (ReportParameter p : definition.parameters()) {
            parameters.add(new ReportDefinitionView.Parameter(p.name(), p.type().code(), p.required(), p.defaultValue(),
                    p.values(), bilingual(p.label())));
        }
        List<ReportDefinitionView.Column> columns = definition.columns().stream()
                .map(c -> new ReportDefinitionView.Column(c.field(), c.type().code(), bilingual(c.header()))).toList();
        return new ReportDefinitionView(definition.id(), bilingual(definition.title()),
                definition.description() == null ? null : bilingual(definition.description()),
                definition.formats().stream().map(ReportFormat::code).sorted().toList(), scope, parameters, columns);
    }

    private static Map<String, String> bilingual(Bilingual text) {
        var map = new LinkedHashMap<String, String>();
        map.put("en", text.en());
        map.put("ar", text.ar());
        return map;
    }

    private String ids() {
        return String.join(", ", catalog.all().stream().map(ReportDefinition::id).toList());
    }

    private static String json(Map<String, String> params) {
        try {
            return JSON.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> params(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }


}
