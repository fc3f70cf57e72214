package ai.healthflow.analytics;

import ai.healthflow.platform.error.InvalidParameter;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The one dimension a prescriptions or adverse-events question is broken down by. */
public enum GroupBy {
    DAY, WEEK, MONTH, GOVERNORATE, TENANT, MEDICINE, ATC1, ATC2, ATC3;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Day, ISO week (Monday to Sunday) or calendar month: answered in time order and never cut by the limit. */
    public boolean isTime() {
        return this == DAY || this == WEEK || this == MONTH;
    }

    /** Medicine and ATC groups are read from the per-medicine facts; the others from the tenants' days. */
    public boolean byMedicine() {
        return this == MEDICINE || atcLevel() > 0;
    }

    /** 1, 2 or 3 for the ATC groupings, 0 otherwise. */
    public int atcLevel() {
        return switch (this) {
            case ATC1 -> 1;
            case ATC2 -> 2;
            case ATC3 -> 3;
            default -> 0;
        };
    }

    /** @throws InvalidParameter naming {@code groupBy} for an unknown value (absent: day) */
    public static GroupBy parse(String text) {
        if (text == null || text.isBlank()) {
            return DAY;
        }
        for (GroupBy group : values()) {
            if (group.value().equals(text.strip())) {
                return group;
            }
        }
        throw new InvalidParameter("groupBy", "must be one of " + Arrays.stream(values()).map(GroupBy::value)
                .collect(Collectors.joining(", ")));
    }
}
