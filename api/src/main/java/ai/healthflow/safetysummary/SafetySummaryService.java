package ai.healthflow.safetysummary;

import ai.healthflow.audit.AuditEvent;
import ai.healthflow.audit.AuditLog;
import ai.healthflow.batch.report.Bilingual;
import ai.healthflow.batch.report.ReportFormat;
import ai.healthflow.batch.report.ReportLanguage;
import ai.healthflow.batch.safety.Grouping;
import ai.healthflow.batch.safety.SafetySummaryFiles;
import ai.healthflow.platform.auth.Actor;
import ai.healthflow.platform.db.Db;
import ai.healthflow.platform.error.InvalidParameter;
import ai.healthflow.platform.response.Page;
import ai.healthflow.platform.response.PageRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safety summaries on disk: listed newest month first, and downloaded (audited) by month, language and grouping.
 * A summary is national, so only a global reports:read reaches here (the resource requires it).
 */
public final class SafetySummaryService {
    private static final Bilingual BY_MEDICINE = new Bilingual("by medicine", "حسب الدواء");
    private final SafetySummaryFiles files;
    private final Bilingual title;
    private final Db db;
    private final AuditLog audit;

    /** @param title the summary's title per language, for the downloaded file's name */
    public SafetySummaryService(SafetySummaryFiles files, Bilingual title, Db db, AuditLog audit) {
        this.files = files;
        this.title = title;
        this.db = db;
        this.audit = audit;
    }

    public Page<SafetySummaryView> list(PageRequest page) {
        List<SafetySummaryView> all = files.list().stream().map(SafetySummaryService::view).toList();
        int from = (int) Math.min(page.offset(), all.size());
        return new Page<>(all.subList(from, Math.min(from + page.size(), all.size())), page, all.size());
    }

    /**
     * A summary opened for reading, with how to name it. The channel reads the file as it was when opened, so a
     * rerun replacing the month meanwhile does not mix two files or change the length already announced.
     */
    public record SummaryFile(FileChannel channel, long size, String fileName, String asciiFileName) {
    }

    /**
     * @throws InvalidParameter       (400) naming month, language or groupBy
     * @throws SafetySummaryNotFound  (404) when that summary has not been written
     */
    public SummaryFile open(Actor actor, String monthText, String languageText, String groupByText) {
        YearMonth month = month(monthText);
        ReportLanguage language = ReportLanguage.parse(languageText)
                .orElseThrow(() -> new InvalidParameter("language", "must be en or ar"));
        Grouping grouping = groupByText == null ? Grouping.INGREDIENT : Grouping.parse(groupByText)
                .orElseThrow(() -> new InvalidParameter("groupBy", "must be ingredient or medicine"));
        SafetySummaryFiles.Summary summary = files.find(month, grouping, language)
                .orElseThrow(() -> new SafetySummaryNotFound(month.toString(), language.code()));
        FileChannel channel;
        long size;
        try {
            channel = FileChannel.open(summary.file(), StandardOpenOption.READ);
            size = channel.size();
        } catch (NoSuchFileException e) {
            throw new SafetySummaryNotFound(month.toString(), language.code()); // removed since it was found
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("month", month.toString());
        changes.put("groupBy", grouping.code());
        changes.put("language", language.code());
        changes.put("sizeBytes", size);
        try {
            db.inTenant(actor.caller().tenantId(), handle -> audit.record(handle, actor, AuditEvent.of(
                    "safety_summary.downloaded", "safety_summary", summary.file().getFileName(),
                    actor.caller().tenantId()).withChanges(changes)));
        } catch (RuntimeException e) {
            close(channel, e);
            throw e;
        }
        String by = grouping == Grouping.MEDICINE ? " " + BY_MEDICINE.in(language) : "";
        return new SummaryFile(channel, size, title.in(language) + " " + month + by + "." + ReportFormat.PDF.code(),
                summary.file().getFileName().toString());
    }

    private static YearMonth month(String text) {
        InvalidParameter invalid = new InvalidParameter("month", "must be a month as YYYY-MM, such as 2026-10");
        if (text == null || !text.matches("\\d{4}-\\d{2}")) {
            throw invalid;
        }
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) { // 2026-13
            throw invalid;
        }
    }

    private static void close(FileChannel channel, RuntimeException failure) {
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static SafetySummaryView view(SafetySummaryFiles.Summary summary) {
        String url = "/api/v2/safety-summaries/" + summary.month() + "/" + summary.language().code()
                + (summary.grouping() == Grouping.MEDICINE ? "?groupBy=medicine" : "");
        return new SafetySummaryView(summary.month().toString(), summary.grouping().code(), summary.language().code(),
                summary.sizeBytes(), summary.generatedAt(), url);
    }
}
