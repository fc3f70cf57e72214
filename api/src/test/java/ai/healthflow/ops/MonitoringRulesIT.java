package ai.healthflow.ops;

import ai.healthflow.testing.Demo;
import ai.healthflow.testing.Http;
import ai.healthflow.testing.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules and the Grafana dashboard in deploy/monitoring read metrics a running service really exports:
 * a renamed metric would otherwise silence an alarm without anyone noticing.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class MonitoringRulesIT {
    static final TestApp.Extension APP = TestApp.create();
    static final Path MONITORING = Path.of("../deploy/monitoring");
    // jvm_* metrics are registered by Dropwizard's launcher (Bootstrap#registerMetrics), which the test support
    // does not call; the service's own and the pool's are checked
    static final Pattern METRIC = Pattern.compile("\\b((?:healthflow|io_dropwizard)_[A-Za-z0-9_]+)");
    static final Pattern NAME_REGEX = Pattern.compile("__name__=~\"([^\"]+)\"");

    @Test
    void everyAlertAndPanelReadsAnExportedMetric() throws Exception {
        Http app = APP.http();
        Demo.OFFICER.login(app); // a request, so the request metrics have samples
        app.getAs(Demo.OFFICER.login(app), "/api/v2/medicines?size=1");
        String scrape = new Http(APP.getAdminPort()).get("/prometheus").body();
        Set<String> exported = new LinkedHashSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                exported.add(line.split("[{ ]")[0]);
            }
        }

        List<String> expressions = new ArrayList<>();
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(MONITORING.resolve("prometheus-rules.yml").toFile());
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                assertThat(rule.path("alert").asText()).isNotBlank();
                assertThat(rule.path("labels").path("severity").asText()).isIn("critical", "warning");
                assertThat(rule.path("annotations").path("summary").asText()).isNotBlank();
                expressions.add(rule.path("expr").asText());
            }
        }
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(MONITORING.resolve("grafana-dashboard.json")));
        for (JsonNode panel : dashboard.path("panels")) {
            panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText()));
        }
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(15);
        List<String> alerts = rules.findValuesAsText("alert");
        assertThat(alerts).contains("HealthFlowHigh5xxRate", "HealthFlowSlowRequests", "HealthFlowHighCpu",
                "HealthFlowDatabasePoolNearLimit", "HealthFlowBatchJobFailed", "HealthFlowAuditChainVerificationFailing",
                "HealthFlowSearchIndexLagging", "HealthFlowVolumeLow", "HealthFlowVolumeFull");

        for (String expression : expressions) {
            Matcher metric = METRIC.matcher(NAME_REGEX.matcher(expression).replaceAll(""));
            while (metric.find()) {
                assertThat(exported).as("%s (in %s)", metric.group(1), expression).contains(metric.group(1));
            }
            Matcher regex = NAME_REGEX.matcher(expression);
            while (regex.find()) {
                Pattern names = Pattern.compile(regex.group(1));
                assertThat(exported.stream().filter(name -> names.matcher(name).matches()))
                        .as("metrics matching %s", regex.group(1)).isNotEmpty();
            }
        }
        // one failure flag per batch job, the audit chain's among them
        assertThat(exported).contains("healthflow_batch_audit_verify_last_run_failed",
                "healthflow_batch_signal_detection_last_run_failed", "healthflow_batch_analytics_daily_last_run_failed");
        assertThat(exported).contains("healthflow_search_outbox_pending", "healthflow_search_outbox_lag_seconds",
                "healthflow_volume_home_free_ratio", "healthflow_volume_reports_free_ratio",
                "healthflow_volume_home_free_bytes", "healthflow_volume_reports_free_bytes");
    }
}
