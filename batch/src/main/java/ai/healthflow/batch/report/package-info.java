/**
 * Reports: definitions loaded from {@code reports-templates/definitions} ({@link ai.healthflow.batch.report.ReportCatalog}),
 * their parameters, one JDBC row stream per report ({@link ai.healthflow.batch.report.ReportQuery}) and the XLSX, PDF
 * and CSV renderers it feeds; {@link ai.healthflow.batch.report.ReportExport} runs one requested report to a file and
 * {@link ai.healthflow.batch.report.ReportExportJob} is the {@code report-export} batch job around it.
 */
package ai.healthflow.batch.report;
