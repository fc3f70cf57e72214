package ai.healthflow.batch.report;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs one requested report: claims the request, renders the definition's rows through {@link ReportWriter}
 * (recording progress as it goes; a temporary file moved into place atomically) and marks the request completed
 * with its row count and size, or failed with a sentence for the requester. Plain JDBC and files; the
 * {@code report-export} job and the service's local launcher both call {@link #run}.
 */
public final class ReportExport {
    private static final Logger LOG = LoggerFactory.getLogger(ReportExport.class);
    /** A running request that has not reported progress for this long is taken to be dead and may be claimed again. */
    public static final Duration STALE = Duration.ofMinutes(10);

    /**
     * @param status   completed, failed (also when there is no such request), or skipped (someone else has it, or
     *                 it is finished already)
     * @param rows     data rows written
     */
    public record Outcome(UUID requestId, String status, long rows, long sizeBytes, Path file, String error) {
        static Outcome skipped(UUID id) {
            return new Outcome(id, "skipped", 0, 0, null, null);
        }
    }

    private final ReportCatalog catalog;
    private final ReportRequests requests;
    private final Path directory;
    private final Clock clock;
    private final ZoneId zone;
    private final Duration retention;
    private final ReportWriter writer;

    /**
     * @param directory where finished files go (HEALTHFLOW_HOME/reports); created when missing
     * @param zone      the zone timestamps, dates and relative dates are shown and counted in
     * @param retention how long a finished file (and its request) is kept
     * @param readRole  the role report queries read as (row-level security as a second wall), or null
     */
    public ReportExport(DataSource dataSource, ReportCatalog catalog, Path directory, Clock clock, ZoneId zone,
                        Duration retention, String readRole) {
        this.catalog = catalog;
        this.requests = new ReportRequests(dataSource);
        this.directory = directory;
        this.clock = clock;
        this.zone = zone;
        this.retention = retention;
        this.writer = new ReportWriter(dataSource, zone, readRole);
    }

    public ReportRequests requests() {
        return requests;
    }

    public Outcome run(UUID requestId) {
        Optional<ReportRequests.Request> claimed = requests.claim(requestId, clock.instant(), STALE);
        if (claimed.isEmpty()) {
            if (!requests.exists(requestId)) { // a mistyped id (requests are never deleted): say so, do not pass as done
                LOG.warn("Report {} cannot be rendered: there is no such request", requestId);
                return new Outcome(requestId, "failed", 0, 0, null, "There is no report request " + requestId + ".");
            }
            return Outcome.skipped(requestId);
        }
        ReportRequests.Request request = claimed.get();
        try {
            ReportDefinition definition = catalog.find(request.type()).orElseThrow(() -> new Refused(
                    "The report type '" + request.type() + "' is no longer defined."));
            if (!definition.formats().contains(request.format())) {
                throw new Refused("The report '" + definition.id() + "' is not offered as " + request.format().code() + ".");
            }
            ParameterValues parameters;
            try {
                parameters = ParameterValues.resolve(definition, request.params(), LocalDate.now(clock.withZone(zone)));
            } catch (InvalidReportParameters e) {
                throw new Refused("The stored parameters no longer fit the report: " + e.getMessage() + ".");
            }
            UUID tenant = request.allTenants() ? null : request.tenantId();
            Bilingual scope = request.allTenants() ? ReportWriter.ALL_TENANTS : requests.tenantName(request.tenantId());
            Path file = directory.resolve(request.id() + "." + request.format().code());
            ReportWriter.Written written = writer.write(definition, parameters, tenant, scope, request.format(),
                    request.language(), clock.instant(), file, (done, total) -> requests.progress(request.id(),
                            total > 0 ? (int) Math.min(99, done * 100 / total) : 0, done, clock.instant()));
            Instant now = clock.instant();
            requests.completed(request.id(), written.rows(), written.sizeBytes(), file, now, now.plus(retention));
            LOG.info("Report {} ({} {} {}) completed: {} rows, {} bytes", request.id(), request.type(),
                    request.format().code(), request.language().code(), written.rows(), written.sizeBytes());
            return new Outcome(request.id(), "completed", written.rows(), written.sizeBytes(), file, null);
        } catch (Refused e) {
            return fail(request, e.getMessage(), null);
        } catch (ReportQueryFailed e) {
            return fail(request, "The report's data could not be read; the administrators have the details.", e);
        } catch (IOException | UncheckedIOException e) {
            if (isDiskFull(e)) { // the requester can do nothing but wait: say so, and that a retry may work
                return fail(request, DISK_FULL, e);
            }
            return fail(request, "The report file could not be written; the administrators have the details.", e);
        } catch (RuntimeException e) {
            if (isDiskFull(e)) { // PDF and XLSX libraries wrap the IOException in their own unchecked exceptions
                return fail(request, DISK_FULL, e);
            }
            return fail(request, "The report could not be generated; the administrators have the details.", e);
        }
    }

    private Outcome fail(ReportRequests.Request request, String message, Exception cause) {
        if (cause != null) {
            LOG.error("Report {} ({} {}) failed", request.id(), request.type(), request.format().code(), cause);
        } else {
            LOG.warn("Report {} ({}) refused: {}", request.id(), request.type(), message);
        }
        Instant now = clock.instant();
        requests.failed(request.id(), message, now, now.plus(retention));
        return new Outcome(request.id(), "failed", 0, 0, null, message);
    }

    static final String DISK_FULL = "There is not enough disk space to store the report file; the administrators "
            + "have the details. Please request the report again later.";

    /** ENOSPC (or a quota) anywhere in the chain; Java reports it only as the operating system's message. */
    static boolean isDiskFull(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t instanceof java.nio.file.FileSystemException fs ? fs.getReason() : t.getMessage();
            if (message != null && (message.contains("No space left on device") || message.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    /** The request cannot be served as stored; the message is for the requester. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
