package ai.healthflow.prescription;

import ai.healthflow.platform.error.ApiException;
import ai.healthflow.platform.error.FieldError;

import java.util.List;
import java.util.Map;

/**
 * Contraindicated or major findings (or allergies) without an override reason: nothing is saved. The problem lists
 * every finding; the prescriber resends with {@code overrides: {key: reason}} for the blocking ones.
 */
public final class FindingsNeedOverride extends ApiException {
    private final List<Finding> findings;

    public FindingsNeedOverride(List<Finding> findings, List<String> missing) {
        super(422, "override-required", "Override required",
                missing.size() + " finding(s) block this prescription; give a reason for each in overrides, or change the items.",
                missing.stream().map(key -> new FieldError("overrides." + key, "a reason is required to prescribe despite this finding")).toList());
        this.findings = List.copyOf(findings);
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("findings", findings);
    }
}
