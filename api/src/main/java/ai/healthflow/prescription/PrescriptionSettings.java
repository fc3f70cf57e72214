package ai.healthflow.prescription;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.util.concurrent.TimeUnit;

/**
 * @param validityDays   days a prescription can be dispensed from after it is issued ({@code PRESCRIPTION_VALIDITY_DAYS})
 * @param expiryInterval how often the expiry job marks overdue prescriptions expired
 */
public record PrescriptionSettings(@JsonProperty @Min(1) @Max(365) int validityDays,
                                   @JsonProperty @NotNull @MinDuration(value = 1, unit = TimeUnit.SECONDS) Duration expiryInterval) {

    public static PrescriptionSettings defaults() {
        return new PrescriptionSettings(30, Duration.minutes(15));
    }
}
