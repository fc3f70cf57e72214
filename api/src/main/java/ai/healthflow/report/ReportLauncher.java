package ai.healthflow.report;

import java.util.UUID;

/** Starts the rendering of a stored report request (the {@code report-export} batch job, in the service). */
@FunctionalInterface
public interface ReportLauncher {
    /** Returns at once; failures to start are logged and the sweeper tries again. */
    void launch(UUID requestId);
}
