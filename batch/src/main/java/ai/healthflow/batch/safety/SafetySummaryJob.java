package ai.healthflow.batch.safety;

import ai.healthflow.batch.engine.InvalidJobParameters;
import ai.healthflow.batch.engine.JobDefinition;
import ai.healthflow.batch.engine.JobInfrastructure;
import ai.healthflow.batch.engine.JobRun;
import ai.healthflow.batch.report.ReportCatalog;
import ai.healthflow.batch.report.ReportDefinition;
import ai.healthflow.batch.report.ReportLanguage;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;

import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code safety-summary}: the month's safety summary as PDF in English and Arabic under
 * HEALTHFLOW_HOME/reports/safety-summaries ({@link SafetySummary}), then the {@link SafetySummaryListener} (the
 * regulator's officers are told). Monthly by schedule; a rerun of a month replaces its files.
 *
 * <p>Parameters (both optional, both identifying, so a failed month is resumed by asking for it again):
 * {@code month} — {@code YYYY-MM}, not after the current month (default: the previous month in the reports'
 * zone); {@code groupBy} — {@code ingredient} (default) or {@code medicine}.
 */
public final class SafetySummaryJob implements JobDefinition {
    public static final String NAME = "safety-summary";
    public static final String MONTH = "month";
    public static final String GROUP_BY = "groupBy";
    private static final Set<String> KNOWN = Set.of(MONTH, GROUP_BY);
    private static final Pattern YEAR_MONTH = Pattern.compile("\\d{4}-\\d{2}");

    private final ReportDefinition definition;
    private final SafetySummaryFiles files;
    private final ZoneId zone;
    private final String readRole;
    private final SafetySummaryListener listener;

    /**
     * @param reportsDirectory HEALTHFLOW_HOME/reports
     * @param zone             the reports' zone: months are calendar months there
     * @param readRole         the role the report query reads as (the batch pool connects as the tables' owner), or
     *                         null to read as the pool's user
     * @throws IllegalStateException when the catalog has no {@value SafetySummary#REPORT} definition
     */
    public SafetySummaryJob(ReportCatalog catalog, Path reportsDirectory, ZoneId zone, String readRole,
                            SafetySummaryListener listener) {
        this.definition = catalog.find(SafetySummary.REPORT).orElseThrow(() -> new IllegalStateException(
                "the report definition " + SafetySummary.REPORT + " is missing"));
        this.files = new SafetySummaryFiles(reportsDirectory);
        this.zone = zone;
        this.readRole = readRole;
        this.listener = listener;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Monthly safety summary per active ingredient or medicine (reports, serious share, top reactions, "
                + "signals, recalls) as PDF in English and Arabic; tells the regulator's officers";
    }

    @Override
    public Job build(JobInfrastructure infrastructure) {
        var summary = new SafetySummary(infrastructure.dataSource(), definition, files, infrastructure.clock(), zone,
                readRole);
        var step = new StepBuilder("safety-summary.write", infrastructure.repository())
                .tasklet((contribution, chunk) -> {
                    JobParameters parameters = chunk.getStepContext().getStepExecution().getJobParameters();
                    SafetySummary.Result result = summary.write(YearMonth.parse(parameters.getString(MONTH)),
                            Grouping.parse(parameters.getString(GROUP_BY)).orElseThrow());
                    contribution.incrementWriteCount(result.rows());
                    listener.ready(result);
                    var context = chunk.getStepContext().getStepExecution().getExecutionContext();
                    results(result).forEach((key, value) -> context.putString(JobRun.RESULT_PREFIX + key, value));
                    return RepeatStatus.FINISHED;
                }, new ResourcelessTransactionManager()) // the report and the notifications commit their own work
                .build();
        return new JobBuilder(NAME, infrastructure.repository()).start(step).build();
    }

    @Override
    public JobParameters parameters(Map<String, String> given, JobInfrastructure infrastructure) {
        List<InvalidJobParameters.Problem> problems = new ArrayList<>();
        given.keySet().stream().filter(key -> !KNOWN.contains(key)).sorted().forEach(key ->
                problems.add(new InvalidJobParameters.Problem(key, "unknown parameter; known: groupBy, month")));
        YearMonth current = YearMonth.now(infrastructure.clock().withZone(zone));
        YearMonth month = current.minusMonths(1);
        String monthText = given.get(MONTH);
        if (monthText != null) {
            month = parseMonth(monthText.strip());
            if (month == null) {
                problems.add(new InvalidJobParameters.Problem(MONTH, "must be a month as YYYY-MM, such as 2026-10"));
            } else if (month.isAfter(current)) {
                problems.add(new InvalidJobParameters.Problem(MONTH, "must not be a month in the future"));
            }
        }
        Grouping grouping = Grouping.INGREDIENT;
        String groupBy = given.get(GROUP_BY);
        if (groupBy != null) {
            grouping = Grouping.parse(groupBy.strip()).orElse(null);
            if (grouping == null) {
                problems.add(new InvalidJobParameters.Problem(GROUP_BY, "must be ingredient or medicine"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidJobParameters(problems);
        }
        return new JobParametersBuilder().addString(MONTH, month.toString()).addString(GROUP_BY, grouping.code())
                .toJobParameters();
    }

    /** The month {@code YYYY-MM} names, or null when it names none. */
    private static YearMonth parseMonth(String text) {
        if (!YEAR_MONTH.matcher(text).matches()) {
            return null;
        }
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            return null; // 2026-13
        }
    }

    private static Map<String, String> results(SafetySummary.Result result) {
        Map<String, String> results = new LinkedHashMap<>();
        results.put("month", result.month().toString());
        results.put("groupBy", result.grouping().code());
        results.put("rows", Long.toString(result.rows()));
        for (SafetySummaryFiles.Summary file : result.files()) {
            String language = file.language() == ReportLanguage.EN ? "En" : "Ar";
            results.put("file" + language, file.file().getFileName().toString());
            results.put("sizeBytes" + language, Long.toString(file.sizeBytes()));
        }
        return results;
    }
}
