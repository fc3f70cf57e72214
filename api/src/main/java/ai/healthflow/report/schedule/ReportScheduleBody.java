package ai.healthflow.report.schedule;

import com.fasterxml.jackson.annotation.JsonAlias;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v2/report-schedules}: a report request ({@code type}, {@code format}, {@code language},
 * {@code params}, as for {@code POST /api/v2/reports}) with when to make it and whom to send it to.
 *
 * @param type       the report definition's id; {@code report} is accepted as its other name
 * @param name       a label for people; the report's title when absent
 * @param cron       Spring's six fields (second minute hour day month weekday) or a macro such as {@code @monthly};
 *                   at most one firing an hour
 * @param zone       the time zone the cron expression is read in; the reports' zone when absent
 * @param recipients email addresses of active members of the caller's organisation who may read the report;
 *                   the caller alone when absent
 */
public record ReportScheduleBody(String name, @JsonAlias("report") String type, String format, String language, Map<String, Object> params,
                                 String cron, String zone, List<String> recipients) {
}
