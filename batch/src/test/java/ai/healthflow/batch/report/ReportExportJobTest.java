package ai.healthflow.batch.report;

import ai.healthflow.batch.engine.InvalidJobParameters;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportExportJobTest {
    final ReportExportJob job = new ReportExportJob(ReportCatalog.load(), Path.of("reports"), ZoneId.of("Africa/Cairo"),
            Duration.ofDays(7), null);

    @Test
    void theRequestIdIsTheOneIdentifyingParameter() {
        var parameters = job.parameters(Map.of("requestId", "6f1c2b8e-2d6c-4c59-9a0a-0f2a6b1f3c11"), null);

        assertThat(parameters.getString("requestId")).isEqualTo("6f1c2b8e-2d6c-4c59-9a0a-0f2a6b1f3c11");
        assertThat(parameters.getParameter("requestId").identifying()).isTrue();
        assertThat(job.name()).isEqualTo("report-export");
    }

    @Test
    void aMissingWrongOrUnknownParameterIsNamed() {
        assertThatThrownBy(() -> job.parameters(Map.of(), null)).isInstanceOfSatisfying(InvalidJobParameters.class,
                e -> assertThat(e.problems()).extracting(InvalidJobParameters.Problem::parameter).containsExactly("requestId"));
        assertThatThrownBy(() -> job.parameters(Map.of("requestId", "42"), null))
                .hasMessageContaining("requestId: must be a UUID");
        assertThatThrownBy(() -> job.parameters(Map.of("requestId", "6f1c2b8e-2d6c-4c59-9a0a-0f2a6b1f3c11", "format", "pdf"), null))
                .hasMessageContaining("format: is not a parameter of report-export");
    }
}
