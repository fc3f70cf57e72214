/**
 * Reports: {@code /api/v2/reports} (request a report of any definition in reports-templates as XLSX, PDF or CSV,
 * follow its progress, download it, list one's own), the launch of the {@code report-export} batch job, and the
 * sweeper that relaunches waiting requests and deletes expired files.
 */
package ai.healthflow.report;
