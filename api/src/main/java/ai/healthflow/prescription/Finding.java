package ai.healthflow.prescription;

import java.util.List;
import java.util.UUID;

/**
 * Something the checks found. Contraindicated and major findings (and every allergy) block the prescription until
 * the prescriber gives a reason for its {@code key}; moderate and minor ones are warnings.
 *
 * @param medicines the medicines involved (ids)
 */
public record Finding(String key, String kind, String severity, boolean blocking, List<UUID> medicines,
                      List<String> ingredients, String descriptionEn, String descriptionAr, String managementEn,
                      String managementAr, String overrideReason) {

    static boolean blocks(String kind, String severity) {
        return "allergy".equals(kind) || "contraindicated".equals(severity) || "major".equals(severity);
    }

    Finding withOverride(String reason) {
        return new Finding(key, kind, severity, blocking, medicines, ingredients, descriptionEn, descriptionAr,
                managementEn, managementAr, reason);
    }
}
