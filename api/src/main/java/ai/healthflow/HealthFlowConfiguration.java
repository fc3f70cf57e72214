package ai.healthflow;

import ai.healthflow.email.EmailSettings;
import ai.healthflow.prescription.PrescriptionSettings;
import ai.healthflow.platform.config.BootstrapSettings;
import ai.healthflow.platform.config.DatabaseSettings;
import ai.healthflow.platform.config.HttpSettings;
import ai.healthflow.platform.config.SecuritySettings;
import ai.healthflow.jobs.BatchJobSettings;
import ai.healthflow.push.PushSettings;
import ai.healthflow.report.ReportSettings;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.nio.file.Path;

/**
 * The whole service configuration: one nested, validated object per subsystem. Environments differ only in the
 * YAML files under {@code config/}; every value can come from an environment variable there.
 */
public class HealthFlowConfiguration extends Configuration {

    /** Where the embedded database, search index and report files live ({@code HEALTHFLOW_HOME}). */
    @NotBlank
    @JsonProperty
    private String home = "./data";

    @Valid @NotNull @JsonProperty
    private DatabaseSettings database;

    @Valid @NotNull @JsonProperty
    private SecuritySettings security;

    @Valid @NotNull @JsonProperty
    private HttpSettings http;

    @Valid @NotNull @JsonProperty
    private BootstrapSettings bootstrap;

    @Valid @NotNull @JsonProperty
    private EmailSettings email;

    /** Push delivery; disabled when the block is absent. */
    @Valid @NotNull @JsonProperty
    private PushSettings push = PushSettings.disabled();

    public Path home() {
        return Path.of(home).toAbsolutePath().normalize();
    }

    public DatabaseSettings database() {
        return database;
    }

    public SecuritySettings security() {
        return security;
    }

    public HttpSettings http() {
        return http;
    }

    public BootstrapSettings bootstrap() {
        return bootstrap;
    }

    /** E-prescriptions: validity and the expiry job; defaults when the block is absent. */
    @Valid @NotNull @JsonProperty
    private PrescriptionSettings prescriptions = PrescriptionSettings.defaults();

    public PrescriptionSettings prescriptions() {
        return prescriptions;
    }

    /** Batch jobs: schedules, concurrency, the batch pool; defaults (no schedules) when the block is absent. */
    @Valid @NotNull @JsonProperty
    private BatchJobSettings batch = BatchJobSettings.defaults();

    public BatchJobSettings batch() {
        return batch;
    }

    /** Reports: retention, sweep, zone, extra definitions; defaults when the block is absent. */
    @Valid @NotNull @JsonProperty
    private ReportSettings reports = ReportSettings.defaults();

    public ReportSettings reports() {
        return reports;
    }

    public EmailSettings email() {
        return email;
    }

    public PushSettings push() {
        return push;
    }
}
