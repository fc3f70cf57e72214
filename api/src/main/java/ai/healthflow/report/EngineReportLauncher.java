package ai.healthflow.report;

import ai.healthflow.batch.engine.BatchEngine;
import ai.healthflow.batch.engine.JobAlreadyRunning;
import ai.healthflow.batch.report.ReportExportJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.UUID;

/**
 * Launches {@code report-export} through the batch engine: the run is recorded in the job repository with the
 * others (and visible at /api/v2/batch/jobs), runs on the engine's bounded executor, and a run whose process died
 * is resumed when the sweeper launches it again.
 */
public final class EngineReportLauncher implements ReportLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(EngineReportLauncher.class);
    private final BatchEngine engine;

    public EngineReportLauncher(BatchEngine engine) {
        this.engine = engine;
    }

    @Override
    public void launch(UUID requestId) {
        try {
            engine.launch(ReportExportJob.NAME, Map.of(ReportExportJob.REQUEST_ID, requestId.toString()));
        } catch (JobAlreadyRunning e) {
            LOG.debug("Report {} is already being rendered", requestId);
        } catch (RuntimeException e) {
            LOG.warn("Could not launch report {}; the sweeper will try again", requestId, e);
        }
    }
}
