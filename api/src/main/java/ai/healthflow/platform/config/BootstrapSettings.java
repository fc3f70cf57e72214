package ai.healthflow.platform.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;

/**
 * What the service creates for itself at start.
 *
 * @param adminEmail    first super admin, created when absent ({@code HEALTHFLOW_ADMIN_EMAIL})
 * @param adminPassword its password ({@code HEALTHFLOW_ADMIN_PASSWORD}); never changed once the user exists
 * @param demoData      load the demo tenants and users ({@code HEALTHFLOW_DEMO_DATA}); refused in production
 * @param demoRegistry  import the bundled demo medicine registry (510 Egyptian products) into an empty registry;
 *                      follows {@code HEALTHFLOW_DEMO_DATA} in dev, off in tests that do not need it
 */
public record BootstrapSettings(
        @JsonProperty @NotBlank @Email String adminEmail,
        @JsonProperty @NotBlank String adminPassword,
        @JsonProperty boolean demoData,
        @JsonProperty boolean demoRegistry) {
}
