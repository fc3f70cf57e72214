package ai.healthflow.report;

import ai.healthflow.testing.Http;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** Following a requested report through the API, as a client does. */
public final class ReportRuns {
    private ReportRuns() {
    }

    /** The report once it has completed or failed, asked every 100 ms for up to a minute. */
    public static JsonNode finished(Http http, String token, String id) throws InterruptedException {
        JsonNode report = null;
        for (int i = 0; i < 600; i++) {
            report = http.getAs(token, "/api/v2/reports/" + id).json().get("data");
            if (List.of("completed", "failed").contains(report.get("status").asText())) {
                return report;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("report did not finish in 60 s: " + report);
    }
}
